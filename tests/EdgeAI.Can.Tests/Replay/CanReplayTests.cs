using EdgeAI.Can.Filters;
using EdgeAI.Can.Replay;
using EdgeAI.Drivers.Simulated;

namespace EdgeAI.Can.Tests.Replay;

public class CanReplayTests
{
    private static readonly double[] Offsets = [0, 10, 15, 40, 41.5];

    [Fact]
    public async Task RunAsync_OneTimesSpeed_EachFrameReleasedExactlyAtItsDueVirtualTime()
    {
        using var rig = new ReplayRig();
        var frames = ReplayRig.FramesAt(Offsets);

        var run = rig.Start(new CanReplayOptions { Speed = 1 }, ReplayRig.Log(frames));
        Assert.Single(rig.Received()); // the first frame goes at once
        rig.Clock.Advance(TimeSpan.FromMilliseconds(9.9));
        Assert.Empty(rig.Received());  // the second is due at 10 ms, not earlier
        var report = await rig.RunToEnd(run, TimeSpan.FromMilliseconds(0.1));

        var received = rig.Received();
        Assert.Equal(Offsets.Skip(1).Select(ms => TimeSpan.FromMilliseconds(ms)), received.Select(r => r.At));
        Assert.Equal(frames.Skip(1).Select(f => f.Id), received.Select(r => r.Frame.Id));
        Assert.Equal(5, report.FramesSent);
        Assert.Equal(TimeSpan.Zero, report.SendErrorMax);
        Assert.Equal(TimeSpan.FromMilliseconds(41.5), report.RecordedTime);
    }

    [Fact]
    public async Task RunAsync_TenTimesSpeed_ScheduleShrinksTenfold()
    {
        using var rig = new ReplayRig();

        var report = await rig.RunToEnd(rig.Start(new CanReplayOptions { Speed = 10 }, ReplayRig.Log(ReplayRig.FramesAt(Offsets))), TimeSpan.FromMicroseconds(10));

        Assert.Equal(Offsets.Select(ms => TimeSpan.FromMilliseconds(ms / 10)), rig.Received().Select(r => r.At));
        Assert.Equal(TimeSpan.Zero, report.SendErrorP99);
        Assert.Equal(10, report.Speed);
    }

    [Fact]
    public async Task RunAsync_MaxSpeed_SendsEverythingWithoutTheClockMoving()
    {
        using var rig = new ReplayRig();

        var report = await rig.Start(new CanReplayOptions { Speed = double.PositiveInfinity }, ReplayRig.Log(ReplayRig.FramesAt(Offsets)));

        Assert.All(rig.Received(), r => Assert.Equal(TimeSpan.Zero, r.At));
        Assert.Equal(5, report.FramesSent);
        Assert.Null(report.SendErrorP50);
    }

    [Fact]
    public async Task RunAsync_ClockJumpsPastSeveralFrames_LateFramesCatchUpAndLaterOnesKeepTheSchedule()
    {
        using var rig = new ReplayRig();
        var run = rig.Start(new CanReplayOptions(), ReplayRig.Log(ReplayRig.FramesAt(0, 10, 20, 30, 100)));

        rig.Clock.Advance(TimeSpan.FromMilliseconds(35)); // a stall: frames due at 10, 20, 30 are late
        var report = await rig.RunToEnd(run, TimeSpan.FromMilliseconds(1));

        Assert.Equal(new[] { 0, 35, 35, 35, 100 }.Select(ms => TimeSpan.FromMilliseconds(ms)), rig.Received().Select(r => r.At));
        Assert.Equal(TimeSpan.FromMilliseconds(25), report.SendErrorMax);
    }

    [Fact]
    public async Task RunAsync_TransmitQueueFull_DelaysFramesButDropsNone()
    {
        // 125 kbit/s: an 8-byte frame takes 984 us; ten frames recorded at one instant overflow a 2-frame queue.
        using var rig = new ReplayRig(new SimulatedCanBusOptions { BitRate = 125_000 }, new SimulatedNodeOptions { TransmitQueueCapacity = 2 });
        var frames = Enumerable.Range(0, 10).Select(i => new CanFrame((uint)(0x200 + i), new byte[8], timestampNs: ReplayRig.RecordingStartNs)).ToList();
        frames.Add(new CanFrame(0x300, new byte[8], timestampNs: ReplayRig.RecordingStartNs + 100_000_000));

        var report = await rig.RunToEnd(rig.Start(new CanReplayOptions(), ReplayRig.Log(frames)), TimeSpan.FromMicroseconds(50));
        rig.Clock.Advance(TimeSpan.FromMilliseconds(5)); // the last frame is still on the wire when the replay ends

        var received = rig.Received();
        Assert.Equal(frames.Select(f => f.Id), received.Select(r => r.Frame.Id));
        Assert.Equal(Enumerable.Range(1, 10).Select(k => TimeSpan.FromMicroseconds(984 * k)), received.Take(10).Select(r => r.At));
        Assert.Equal(TimeSpan.FromMilliseconds(100) + TimeSpan.FromMicroseconds(984), received[10].At); // back on schedule
        Assert.Equal(8, report.FramesDelayed);
        Assert.Equal(0, report.DroppedTotal);
        Assert.Equal(11, report.FramesSent);
    }

    [Fact]
    public async Task RunAsync_TargetBusOffMidReplay_ReportedWaitedOnAndResumedAfterRecovery()
    {
        using var rig = new ReplayRig();
        var frames = ReplayRig.FramesAt(Enumerable.Range(0, 100).Select(i => i * 10.0).ToArray());
        var notices = new List<CanReplayBusOff>();
        rig.Bus.ScheduleBusOff(TimeSpan.FromMilliseconds(295), TimeSpan.FromMilliseconds(200), rig.Sender);

        var report = await rig.RunToEnd(rig.Start(new CanReplayOptions { BusOffChanged = notices.Add }, ReplayRig.Log(frames)), TimeSpan.FromMilliseconds(1));

        var received = rig.Received();
        Assert.Equal(frames.Select(f => f.Id), received.Select(r => r.Frame.Id));
        Assert.All(received.Where(r => r.Frame.Id - 0x100 is >= 30 and <= 49), r => Assert.Equal(TimeSpan.FromMilliseconds(495), r.At));
        Assert.Equal(TimeSpan.FromMilliseconds(500), received[50].At);
        var busOff = Assert.Single(report.BusOffs);
        Assert.Equal("sim:replay", busOff.Target);
        Assert.Equal(TimeSpan.FromMilliseconds(300), busOff.At);
        Assert.Equal(TimeSpan.FromMilliseconds(300), busOff.RecordingTime);
        Assert.Equal(TimeSpan.FromMilliseconds(195), busOff.RecoveredAfter);
        Assert.Equal(20, busOff.FramesWaiting);
        Assert.Equal(2, notices.Count);
        Assert.Null(notices[0].RecoveredAfter);
        Assert.Equal(1, report.FramesDelayed);
        Assert.Equal(0, report.DroppedTotal);
        Assert.Equal(100, report.FramesSent);
    }

    [Fact]
    public async Task RunAsync_ThreeLoops_RepeatsWithContinuousSchedule()
    {
        using var rig = new ReplayRig();

        var report = await rig.RunToEnd(rig.Start(new CanReplayOptions { Loops = 3 }, ReplayRig.Log(ReplayRig.FramesAt(0, 10, 20))), TimeSpan.FromMilliseconds(1));

        // Each pass starts one average frame interval (10 ms) after the last frame of the one before.
        Assert.Equal(Enumerable.Range(0, 9).Select(i => TimeSpan.FromMilliseconds(10 * i)), rig.Received().Select(r => r.At));
        Assert.Equal(3, report.Loops);
        Assert.Equal(9, report.FramesSent);
        Assert.Equal(TimeSpan.FromMilliseconds(80), report.RecordedTime);
    }

    [Fact]
    public async Task RunAsync_IdFilterErrorFramesAndUnmappedChannel_CountedWithReasons()
    {
        using var rig = new ReplayRig();
        var channels = ReplayRig.Channels("can0", "can1");
        var frames = new List<CanFrame>
        {
            new(0x100, [1], timestampNs: ReplayRig.RecordingStartNs),
            new(0x101, [2], timestampNs: ReplayRig.RecordingStartNs + 1000),
            new(0x100, [3], timestampNs: ReplayRig.RecordingStartNs + 2000, channel: 1),
            new(0x40, new byte[8], CanFlags.Error, ReplayRig.RecordingStartNs + 3000),
        };

        var report = await new CanReplay(new CanReplayOptions { Speed = double.PositiveInfinity, Filter = _ => new CanFrameFilter { Ids = CanIdSet.Parse("100") } }, rig.Clock)
            .RunAsync(ReplayRig.Log(frames, channels), name => name == "can0" ? rig.Sender : null, TestContext.Current.CancellationToken);

        var got = Assert.Single(rig.Received());
        Assert.Equal(1, got.Frame.Data[0]);
        Assert.Equal(4, report.FramesRead);
        Assert.Equal(1, report.FramesFiltered);
        Assert.Equal(1, report.Dropped["channel can1 has no target"]);
        Assert.Equal(1, report.Dropped.Single(d => d.Key.StartsWith("error frames", StringComparison.Ordinal)).Value);
    }

    [Fact]
    public async Task RunAsync_ChannelsMappedToTwoBuses_EachFrameGoesToItsChannelsBus()
    {
        using var rig = new ReplayRig();
        using var other = new SimulatedCanBus(new SimulatedCanBusOptions { Name = "other" }, rig.Clock);
        var otherSender = other.AddNode("replay");
        var otherListener = other.AddNode("listener");
        var frames = Enumerable.Range(0, 6).Select(i => new CanFrame((uint)i, [], timestampNs: ReplayRig.RecordingStartNs + i * 1000, channel: (ushort)(i % 2))).ToList();

        await new CanReplay(new CanReplayOptions { Speed = double.PositiveInfinity }, rig.Clock)
            .RunAsync(ReplayRig.Log(frames, ReplayRig.Channels("can0", "can1")), name => name == "can0" ? rig.Sender : otherSender, TestContext.Current.CancellationToken);

        Assert.Equal([0u, 2u, 4u], rig.Received().Select(r => r.Frame.Id));
        var buffer = new CanFrame[8];
        Assert.Equal(3, otherListener.TryReceive(buffer));
        Assert.Equal([1u, 3u, 5u], buffer.Take(3).Select(f => f.Id));
    }

    [Fact]
    public async Task RunAsync_Cancelled_ReportsWhatWasSent()
    {
        using var rig = new ReplayRig();
        using var cancel = new CancellationTokenSource();
        var run = rig.Start(new CanReplayOptions { Loops = 0 }, ReplayRig.Log(ReplayRig.FramesAt(0, 10, 20)), cancel.Token);

        rig.Clock.Advance(TimeSpan.FromMilliseconds(45));
        await cancel.CancelAsync();
        var report = await run;

        Assert.True(report.Cancelled);
        Assert.Equal(5, report.FramesSent); // 0, 10, 20, then the second pass's 30 and 40
        Assert.Equal(1, report.Loops);
    }

    [Fact]
    public void LatencyHistogram_Percentiles_WithinOneSixteenthAndMaxExact()
    {
        var histogram = new LatencyHistogram();
        for (int i = 1; i <= 1000; i++) histogram.Record(i * 1000L); // 1 us .. 1 ms

        Assert.InRange(histogram.Percentile(50), 500_000 * 15 / 16, 500_000 * 17 / 16);
        Assert.InRange(histogram.Percentile(99), 990_000 * 15 / 16, 990_000 * 17 / 16);
        Assert.Equal(1_000_000, histogram.Max);
        Assert.Equal(0, new LatencyHistogram().Percentile(99));
    }
}
