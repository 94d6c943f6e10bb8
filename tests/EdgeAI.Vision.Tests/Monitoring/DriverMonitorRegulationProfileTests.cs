using EdgeAI.Vision.Monitoring;
using static EdgeAI.Vision.Tests.Monitoring.ScriptedDrive;

namespace EdgeAI.Vision.Tests.Monitoring;

public sealed class DriverMonitorRegulationProfileTests
{
    private static ScriptedDrive Drive() => new(new DriverMonitor(DriverMonitorProfile.Regulation));

    [Fact]
    public void Update_SingleGlanceOf3Seconds_WarnsAsEuroNcapLongDistraction()
    {
        var drive = Drive().Hold(Looking(), 1).Hold(Looking(yaw: 0.6f), 4).Hold(Looking(), 2);
        Assert.Equal(Seconds(4), drive.FirstState(AttentionState.Alert));
        Assert.Equal(AttentionRule.LongDistraction, drive.Log.First(e => e.At == Seconds(4)).Status.Rule);
        Assert.Equal(AttentionState.Attentive, drive.Log.First(e => e.At == Seconds(3.95)).Status.State);
        Assert.Equal(Seconds(5), drive.FirstState(AttentionState.Attentive, Seconds(4)));
    }

    [Fact]
    public void Update_GlancesAddingUpToMoreThan10In30Seconds_WarnsAsVisualTimeSharing()
    {
        var drive = Drive();
        for (int i = 0; i < 4; i++) drive.Hold(Looking(yaw: 0.6f), 2.5).Hold(Looking(), 1);
        drive.Hold(Looking(yaw: 0.6f), 1);
        // Four 2.5 s glances make exactly 10 s; the fifth, starting at 14 s, tips it over on its second frame.
        Assert.Equal(Seconds(14.05), drive.FirstState(AttentionState.Alert));
        Assert.Equal(AttentionRule.VisualTimeSharing, drive.Log.First(e => e.At == Seconds(14.05)).Status.Rule);
        Assert.Null(drive.First(s => s.Rule == AttentionRule.LongDistraction));
    }

    [Fact]
    public void Update_GlancesOlderThan30Seconds_NoLongerCount()
    {
        var drive = Drive();
        for (int i = 0; i < 4; i++) drive.Hold(Looking(yaw: 0.6f), 2.5).Hold(Looking(), 1);
        drive.Hold(Looking(), 30).Hold(Looking(yaw: 0.6f), 2.5);
        Assert.Null(drive.FirstState(AttentionState.Alert));
    }

    [Fact]
    public void Update_Between20And50Kmh_WarnsAfter6SecondsAsAddw()
    {
        var drive = Drive().Hold(Looking(yaw: 0.6f, speed: 35), 7);
        Assert.Equal(Seconds(6), drive.FirstState(AttentionState.Alert));
        Assert.Equal(AttentionRule.AddwLowSpeed, drive.Log[^1].Status.Rule);
    }

    [Fact]
    public void Update_Above50Kmh_WarnsWithin3Point5Seconds()
    {
        var drive = Drive().Hold(Looking(yaw: 0.6f, speed: 80), 5);
        var warned = drive.FirstState(AttentionState.Alert);
        Assert.NotNull(warned);
        Assert.True(warned <= Seconds(3.5));
        Assert.Equal(AttentionRule.LongDistraction, drive.Log[^1].Status.Rule);
    }

    [Fact]
    public void Update_Below20Kmh_NeverWarns()
    {
        var drive = Drive().Hold(Looking(yaw: 0.6f, speed: 15), 20);
        Assert.Null(drive.FirstState(AttentionState.Alert));
        Assert.All(drive.Log, e => Assert.True(e.Status.Suppressed));
    }

    [Fact]
    public void Update_FaceLost_CountsAsEyesOffRoad()
    {
        var drive = Drive().Hold(Looking(), 2).Hold(DriverObservation.NoFace(), 4);
        Assert.Equal(Seconds(5), drive.FirstState(AttentionState.Alert));
        Assert.Equal(DistractionCause.NoFace, drive.Log[^1].Status.Cause);
        // Before the alert the lost face is unknown, never attentive.
        Assert.All(drive.Log.Where(e => e.At > Seconds(2) && e.At < Seconds(5)), e => Assert.Equal(AttentionState.Unknown, e.Status.State));
    }
}
