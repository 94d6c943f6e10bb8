using EdgeAI.Can.Logs;
using EdgeAI.Can.Replay;
using EdgeAI.TestKit;

namespace EdgeAI.Can.Tests.Replay;

/// <summary>The bundled ten-minute city drive replayed onto the simulated bus on a virtual clock: every frame arrives, in
/// order, at the moment the schedule says (the clock is moved to each frame's due time in turn).</summary>
public class BundledDriveReplayTests
{
    [Theory]
    [InlineData(1.0)]
    [InlineData(10.0)]
    public async Task RunAsync_BundledDriveOnVirtualClock_EveryFrameInOrderAtItsDueTime(double speed)
    {
        var drive = EdgeAI.TestKit.LogIo.ReadFile(RepoPaths.CityDriveLog).Frames;
        using var rig = new ReplayRig();
        long t0 = drive[0].TimestampNs;
        var run = rig.Start(new CanReplayOptions { Speed = speed }, () => CanLogFiles.OpenReader(RepoPaths.CityDriveLog));

        int checkedFrames = 0;
        long lastDueTicks = -1;
        for (int i = 0; i <= drive.Count; i++)
        {
            if (i == drive.Count || (i % 4096 == 0 && i > 0)) checkedFrames = Check(rig, drive, checkedFrames, t0, speed);
            if (i == drive.Count) break;
            long dueTicks = DueTicks(drive[i].TimestampNs - t0, speed);
            if (dueTicks != lastDueTicks) rig.Clock.SetUtcNow(ReplayRig.ClockStart + TimeSpan.FromTicks(dueTicks));
            lastDueTicks = dueTicks;
        }
        Assert.True(run.IsCompleted);
        var report = await run;

        Assert.Equal(drive.Count, checkedFrames);
        Assert.Equal(drive.Count, report.FramesSent);
        Assert.Equal(0, report.FramesDelayed);
        Assert.Equal(0, report.DroppedTotal);
        Assert.True(report.SendErrorMax < TimeSpan.FromTicks(1), $"send-time error max {report.SendErrorMax}");
        Assert.Equal(TimeSpan.FromTicks((drive[^1].TimestampNs - t0) / 100), report.RecordedTime);
    }

    /// <summary>Due time in 100 ns clock ticks, rounded up (the replay sends once the clock reaches it).</summary>
    private static long DueTicks(long recordedNs, double speed) => ((long)(recordedNs / speed) + 99) / 100;

    private static int Check(ReplayRig rig, List<CanFrame> drive, int from, long t0, double speed)
    {
        foreach (var (at, frame) in rig.Received())
        {
            var expected = drive[from];
            Assert.True(expected.Id == frame.Id && expected.Data.SequenceEqual(frame.Data), $"frame {from}: expected {expected}, got {frame}");
            Assert.Equal(TimeSpan.FromTicks(DueTicks(expected.TimestampNs - t0, speed)), at);
            from++;
        }
        return from;
    }
}
