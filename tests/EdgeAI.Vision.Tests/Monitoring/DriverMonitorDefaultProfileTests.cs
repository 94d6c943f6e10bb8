using EdgeAI.Vision.Monitoring;
using Microsoft.Extensions.Time.Testing;
using static EdgeAI.Vision.Tests.Monitoring.ScriptedDrive;

namespace EdgeAI.Vision.Tests.Monitoring;

public sealed class DriverMonitorDefaultProfileTests
{
    private static ScriptedDrive Drive() => new(new DriverMonitor(DriverMonitorProfile.Default));

    [Fact]
    public void Update_HeadTurnedAway_PreAlertsAt3AlertsAt5CriticalAt11Seconds()
    {
        var drive = Drive().Hold(Looking(), 2).Hold(Looking(yaw: 0.6f), 15);
        Assert.Equal(Seconds(5), drive.FirstState(AttentionState.PreAlert));
        Assert.Equal(Seconds(7), drive.FirstState(AttentionState.Alert));
        Assert.Equal(Seconds(13), drive.FirstState(AttentionState.Critical));
        Assert.Equal(AttentionRule.Awareness, drive.Log[^1].Status.Rule);
        Assert.Equal(DistractionCause.HeadPose, drive.Log[^1].Status.Cause);
        Assert.Equal(0, drive.Log[^1].Status.Awareness);
    }

    [Fact]
    public void Update_HeadDownBeyondPitchLimit_FollowsTheSameLadder()
    {
        var drive = Drive().Hold(Looking(pitch: 0.35f), 12);
        Assert.Equal(Seconds(3), drive.FirstState(AttentionState.PreAlert));
        Assert.Equal(Seconds(5), drive.FirstState(AttentionState.Alert));
        Assert.Equal(Seconds(11), drive.FirstState(AttentionState.Critical));
    }

    [Theory]
    [InlineData(0.39f, 0f)]
    [InlineData(-0.39f, 0.30f)]
    [InlineData(0f, -0.30f)]
    public void Update_PoseInsideTheLimits_NeverAlerts(float yaw, float pitch)
    {
        var drive = Drive().Hold(Looking(yaw, pitch), 30);
        Assert.All(drive.Log, e => Assert.Equal(AttentionState.Attentive, e.Status.State));
        Assert.Equal(1, drive.Log[^1].Status.Awareness);
    }

    [Fact]
    public void Update_NoFace_RunsTheLadderOver30Seconds()
    {
        var drive = Drive().Hold(Looking(), 1).Hold(DriverObservation.NoFace(), 32);
        // 30 s * 3/11 = 8.18 s, 30 s * 5/11 = 13.64 s after the face was lost at 1 s; frames every 50 ms.
        Assert.Equal(Seconds(9.2), drive.FirstState(AttentionState.PreAlert));
        Assert.Equal(Seconds(14.65), drive.FirstState(AttentionState.Alert));
        Assert.Equal(Seconds(31), drive.FirstState(AttentionState.Critical));
        Assert.Equal(DistractionCause.NoFace, drive.Log[^1].Status.Cause);
    }

    [Fact]
    public void Update_NoFaceBeforeAnyAlert_IsUnknownNeverAttentive()
    {
        var drive = Drive().Hold(Looking(), 1).Hold(DriverObservation.NoFace(), 5).Hold(Looking(), 1);
        var unseen = drive.Log.Where(e => e.At > Seconds(1) && e.At < Seconds(6)).ToList();
        Assert.NotEmpty(unseen);
        Assert.All(unseen, e => Assert.Equal(AttentionState.Unknown, e.Status.State));
        Assert.All(unseen, e => Assert.Equal(DistractionCause.NoFace, e.Status.Cause));
        Assert.Equal(AttentionState.Attentive, drive.Log[^1].Status.State);
    }

    [Fact]
    public void Update_DriverLooksBack_AlertClearsAndAwarenessRecovers()
    {
        var drive = Drive().Hold(Looking(yaw: -0.8f), 6).Hold(Looking(), 10);
        Assert.Equal(Seconds(5), drive.FirstState(AttentionState.Alert));
        var back = Seconds(6);
        // Still orange on the first frame back (awareness 5/11 is below the alert line), cleared within a second.
        Assert.Equal(AttentionState.Alert, drive.Log.Single(e => e.At == back).Status.State);
        var cleared = drive.FirstState(AttentionState.Attentive, back);
        Assert.NotNull(cleared);
        Assert.InRange(cleared.Value, back, back + Seconds(1));
        var recovering = drive.Log.Where(e => e.At >= back).Select(e => e.Status.Awareness).ToList();
        Assert.Equal(recovering.Order(), recovering);
        Assert.Equal(1, recovering[^1]);
        Assert.All(drive.Log.Where(e => e.At >= cleared.Value), e => Assert.Equal(AttentionState.Attentive, e.Status.State));
    }

    [Fact]
    public void Update_AfterFullRecovery_TheNextDistractionStartsTheLadderAfresh()
    {
        var drive = Drive().Hold(Looking(yaw: 0.8f), 4).Hold(Looking(), 10).Hold(Looking(yaw: 0.8f), 4);
        Assert.Equal(Seconds(3), drive.FirstState(AttentionState.PreAlert));
        Assert.Equal(Seconds(17), drive.FirstState(AttentionState.PreAlert, Seconds(4)));
    }

    [Fact]
    public void Update_ShortGlancesWithLookingBack_NeverPreAlert()
    {
        var drive = Drive();
        for (int i = 0; i < 10; i++) drive.Hold(Looking(yaw: 0.7f), 2).Hold(Looking(), 2);
        Assert.Null(drive.FirstState(AttentionState.PreAlert));
    }

    [Fact]
    public void Update_BelowMinimumSpeed_GatesAlertsAndHoldsAwareness()
    {
        var slow = Drive().Hold(Looking(yaw: 0.7f, speed: 10), 20);
        Assert.All(slow.Log, e => Assert.Equal(AttentionState.Attentive, e.Status.State));
        Assert.All(slow.Log, e => Assert.True(e.Status.Suppressed));
        Assert.Equal(1, slow.Log[^1].Status.Awareness);

        var fast = Drive().Hold(Looking(yaw: 0.7f, speed: 30), 6);
        Assert.Equal(Seconds(3), fast.FirstState(AttentionState.PreAlert));
        Assert.False(fast.Log[^1].Status.Suppressed);
    }

    [Fact]
    public void Update_OnTimeProvider_MatchesExplicitTimestamps()
    {
        var clock = new FakeTimeProvider();
        var monitor = new DriverMonitor(DriverMonitorProfile.Default, clock);
        var explicitDrive = Drive().Hold(Looking(yaw: 0.6f), 12);
        for (int i = 0; i < explicitDrive.Log.Count; i++)
        {
            var status = monitor.Update(Looking(yaw: 0.6f));
            Assert.Equal(explicitDrive.Log[i].Status.State, status.State);
            clock.Advance(TimeSpan.FromMilliseconds(50));
        }
    }

    [Fact]
    public void Update_TimeGoingBackwards_Throws()
    {
        var monitor = new DriverMonitor(DriverMonitorProfile.Default);
        monitor.Update(Looking(), Seconds(2));
        Assert.Throws<ArgumentOutOfRangeException>(() => monitor.Update(Looking(), Seconds(1)));
    }

    [Fact]
    public void Update_SteadyState_AllocatesNothing()
    {
        var monitor = new DriverMonitor(DriverMonitorProfile.Regulation);
        var away = Looking(yaw: 0.7f);
        var watching = Looking();
        monitor.Update(watching, TimeSpan.Zero);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 1; i < 2000; i++) monitor.Update(i % 40 < 20 ? away : watching, TimeSpan.FromMilliseconds(50 * i));
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Theory]
    [InlineData("default", DriverMonitorKind.Awareness)]
    [InlineData("Regulation", DriverMonitorKind.Regulation)]
    public void Parse_ShippedName_GivesTheProfile(string name, DriverMonitorKind kind) => Assert.Equal(kind, DriverMonitorProfile.Parse(name).Kind);

    [Fact]
    public void Parse_UnknownName_NamesTheChoices()
    {
        var e = Assert.Throws<FormatException>(() => DriverMonitorProfile.Parse("strict"));
        Assert.Contains("default or regulation", e.Message);
    }
}
