using EdgeAI.Can;
using EdgeAI.Drivers.Simulated;
using Microsoft.Extensions.Time.Testing;

namespace EdgeAI.Drivers.Simulated.Tests;

public class SimulatedCanBusTests
{
    private static readonly DateTimeOffset Start = new(2026, 5, 14, 8, 0, 0, TimeSpan.Zero);
    private static CanFrame Frame(uint id, byte fill = 0, int length = 8, CanFlags flags = CanFlags.None) =>
        new(id, Enumerable.Repeat(fill, length).ToArray(), flags);

    private static List<CanFrame> Drain(ICanBus node)
    {
        var frames = new List<CanFrame>();
        var buffer = new CanFrame[16];
        int n;
        while ((n = node.TryReceive(buffer)) > 0) frames.AddRange(buffer.AsSpan(0, n).ToArray());
        return frames;
    }

    [Fact]
    public void TrySend_InstantBus_EveryOtherNodeReceivesAtOnceStampedWithNow()
    {
        var clock = new FakeTimeProvider(Start);
        using var bus = new SimulatedCanBus(time: clock);
        var a = bus.AddNode("a");
        var b = bus.AddNode("b");
        var c = bus.AddNode("c");
        clock.Advance(TimeSpan.FromMilliseconds(5));

        Assert.True(a.TrySend(Frame(0x123, 0xAB)));

        long expectedNs = (Start.UtcTicks - DateTime.UnixEpoch.Ticks) * 100 + 5_000_000;
        foreach (var node in new[] { b, c })
        {
            var got = Assert.Single(Drain(node));
            Assert.Equal(0x123u, got.Id);
            Assert.Equal(CanFlags.Rx, got.Flags);
            Assert.Equal(expectedNs, got.TimestampNs);
            Assert.Equal(Enumerable.Repeat((byte)0xAB, 8).ToArray(), got.Data.ToArray());
        }
        Assert.Empty(Drain(a));
        Assert.Equal(1, a.FramesSent);
        Assert.Equal(1, b.FramesReceived);
    }

    [Fact]
    public void TrySend_ReceiveOwnFrames_EchoFlaggedTx()
    {
        using var bus = new SimulatedCanBus(time: new FakeTimeProvider(Start));
        var a = bus.AddNode("a", new SimulatedNodeOptions { ReceiveOwnFrames = true });
        bus.AddNode("b");

        a.TrySend(Frame(0x321));

        var echo = Assert.Single(Drain(a));
        Assert.Equal(0x321u, echo.Id);
        Assert.Equal(CanFlags.Tx, echo.Flags);
    }

    [Fact]
    public void TrySend_NodeWithIdMaskFilters_ReceivesOnlyMatchingFrames()
    {
        using var bus = new SimulatedCanBus(time: new FakeTimeProvider(Start));
        var sender = bus.AddNode("sender");
        var exact = bus.AddNode("exact", new SimulatedNodeOptions { Filters = [CanAcceptanceFilter.Exact(0x100)] });
        var range = bus.AddNode("range", new SimulatedNodeOptions { Filters = [new CanAcceptanceFilter(0x200, 0x700)] }); // 0x200..0x2FF
        var extendedOnly = bus.AddNode("ext", new SimulatedNodeOptions { Filters = [new CanAcceptanceFilter(0, 0, Extended: true)] });

        foreach (var id in new uint[] { 0x100, 0x101, 0x250, 0x2FF, 0x300 }) sender.TrySend(Frame(id));
        sender.TrySend(Frame(0x100, flags: CanFlags.Extended));

        Assert.Equal([0x100u], Drain(exact).Select(f => f.Id));
        Assert.Equal([0x250u, 0x2FFu], Drain(range).Select(f => f.Id));
        var ext = Assert.Single(Drain(extendedOnly));
        Assert.True(ext.IsExtended);
    }

    [Fact]
    public void TimedBus_FramesQueuedAtTheSameInstant_GoLowestIdFirstStandardBeforeExtendedOfSameBase()
    {
        var clock = new FakeTimeProvider(Start);
        using var bus = new SimulatedCanBus(new SimulatedCanBusOptions { BitRate = 500_000 }, clock);
        var a = bus.AddNode("a");
        var b = bus.AddNode("b");
        var c = bus.AddNode("c");
        var d = bus.AddNode("d");
        var listener = bus.AddNode("listener");

        // All four queued at one instant; the wire was idle, so they arbitrate.
        Assert.True(a.TrySend(Frame(0x300)));
        Assert.True(b.TrySend(Frame(0x100u << 18 | 0x5, flags: CanFlags.Extended)));  // base id 0x100, extended
        Assert.True(c.TrySend(Frame(0x100)));                                             // base id 0x100, standard: wins over the extended
        Assert.True(d.TrySend(new CanFrame(0x100, [], CanFlags.Remote, remoteDlc: 8)));    // standard remote: after the data frame, before the extended
        clock.Advance(TimeSpan.FromMilliseconds(20));

        var order = Drain(listener).Select(f => (f.Id, f.Flags & ~CanFlags.Rx)).ToList();
        Assert.Equal([(0x100u, CanFlags.None), (0x100u, CanFlags.Remote), (0x100u << 18 | 0x5, CanFlags.Extended), (0x300u, CanFlags.None)], order);
    }

    [Fact]
    public void TimedBus_FramesTakeTheirBitTime_BackToBackAndStampedAtTheirEnd()
    {
        var clock = new FakeTimeProvider(Start);
        using var bus = new SimulatedCanBus(new SimulatedCanBusOptions { BitRate = 125_000 }, clock);
        var a = bus.AddNode("a");
        var listener = bus.AddNode("listener");

        a.TrySend(Frame(0x123));
        a.TrySend(Frame(0x124));
        // Standard 8-byte frame: 111 bits unstuffed, 135 worst case; the estimate is 123 bits = 984 us at 125 kbit/s.
        clock.Advance(TimeSpan.FromMicroseconds(983));
        Assert.Empty(Drain(listener));
        clock.Advance(TimeSpan.FromMicroseconds(1));
        var first = Assert.Single(Drain(listener));
        clock.Advance(TimeSpan.FromMicroseconds(984));
        var second = Assert.Single(Drain(listener));

        Assert.Equal(TimeSpan.FromMicroseconds(984), bus.ToBusTime(first.TimestampNs));
        Assert.Equal(TimeSpan.FromMicroseconds(1968), bus.ToBusTime(second.TimestampNs));
        var stats = bus.Statistics;
        Assert.Equal(2, stats.FramesTransmitted);
        Assert.Equal(TimeSpan.FromMicroseconds(1968), stats.BusyTime);
        Assert.Equal(1.0, stats.Load, 3);
    }

    [Fact]
    public async Task TimedBus_TransmitQueueFull_TrySendFalseUntilTheWireTakesAFrame()
    {
        var clock = new FakeTimeProvider(Start);
        using var bus = new SimulatedCanBus(new SimulatedCanBusOptions { BitRate = 125_000 }, clock);
        var a = bus.AddNode("a", new SimulatedNodeOptions { TransmitQueueCapacity = 2 });
        var listener = bus.AddNode("listener");

        Assert.True(a.TrySend(Frame(0x1)));
        Assert.True(a.TrySend(Frame(0x2)));
        Assert.False(a.TrySend(Frame(0x3)));
        Assert.Equal(1, a.SendRejections);
        var wait = a.WaitToSendAsync(TestContext.Current.CancellationToken);
        Assert.False(wait.IsCompleted);

        clock.Advance(TimeSpan.FromTicks(1)); // the wire starts the first frame: one slot frees
        Assert.True(wait.IsCompletedSuccessfully);
        Assert.True(await wait);
        Assert.True(a.TrySend(Frame(0x3)));
        clock.Advance(TimeSpan.FromMilliseconds(10));

        Assert.Equal([0x1u, 0x2u, 0x3u], Drain(listener).Select(f => f.Id));
    }

    [Fact]
    public void ReceiveQueueFull_LossIsCountedAndReportedAsRxOverflowErrorFrame()
    {
        using var bus = new SimulatedCanBus(time: new FakeTimeProvider(Start));
        var sender = bus.AddNode("sender");
        var slow = bus.AddNode("slow", new SimulatedNodeOptions { ReceiveQueueCapacity = 4, ReceiveErrorFrames = true });

        for (uint id = 1; id <= 6; id++) sender.TrySend(Frame(id));
        Assert.Equal(2, slow.ReceiveOverflows);
        Assert.Equal(2, ((ICanBus)slow).FramesLost); // what the CLI reports for any bus
        Assert.Equal([1u, 2u, 3u, 4u], Drain(slow).Select(f => f.Id));
        sender.TrySend(Frame(7));

        var after = Drain(slow);
        Assert.Equal(2, after.Count);
        Assert.True(after[0].IsError);
        Assert.Equal(0x4u, after[0].Id);       // CAN_ERR_CRTL
        Assert.Equal(0x01, after[0].Data[1]);  // CAN_ERR_CRTL_RX_OVERFLOW
        Assert.Equal(7u, after[1].Id);
    }

    [Fact]
    public void DropNext_MatchingFrameNeverArrivesAndIsCounted()
    {
        using var bus = new SimulatedCanBus(time: new FakeTimeProvider(Start));
        var sender = bus.AddNode("sender");
        var listener = bus.AddNode("listener");
        bus.DropNext(1, id: 0x2);

        for (uint id = 1; id <= 3; id++) Assert.True(sender.TrySend(Frame(id)));

        Assert.Equal([1u, 3u], Drain(listener).Select(f => f.Id));
        Assert.Equal(1, bus.Statistics.FramesDropped);
        Assert.Equal(2, bus.Statistics.FramesTransmitted);
    }

    [Fact]
    public void CorruptNext_TimedBus_ErrorFramesThenTheRetransmissionArrivesOnce()
    {
        var clock = new FakeTimeProvider(Start);
        using var bus = new SimulatedCanBus(new SimulatedCanBusOptions { BitRate = 125_000 }, clock);
        var sender = bus.AddNode("sender", new SimulatedNodeOptions { ReceiveErrorFrames = true });
        var listener = bus.AddNode("listener", new SimulatedNodeOptions { ReceiveErrorFrames = true });
        bus.CorruptNext(1);

        sender.TrySend(Frame(0x42));
        clock.Advance(TimeSpan.FromMilliseconds(5));

        var seen = Drain(listener);
        Assert.Equal(2, seen.Count);
        Assert.True(seen[0].IsError);
        Assert.Equal(0x8u | 0x80u, seen[0].Id);          // CAN_ERR_PROT | CAN_ERR_BUSERROR
        Assert.Equal(0x08, seen[0].Data[3]);              // CAN_ERR_PROT_LOC_CRC_SEQ
        Assert.Equal(0x42u, seen[1].Id);
        Assert.Equal(TimeSpan.FromMicroseconds(2 * 984), bus.ToBusTime(seen[1].TimestampNs)); // the wire carried it twice
        var senderError = Assert.Single(Drain(sender));
        Assert.Equal(0x80, senderError.Data[2] & 0x80);   // CAN_ERR_PROT_TX: it happened while transmitting
        Assert.Equal(1, bus.Statistics.FramesCorrupted);
        Assert.Equal(1, bus.Statistics.FramesTransmitted);
    }

    [Fact]
    public async Task ScheduleBusOff_NodeRefusesFramesReportsBusOffThenRestarts()
    {
        var clock = new FakeTimeProvider(Start);
        using var bus = new SimulatedCanBus(time: clock);
        var node = bus.AddNode("node", new SimulatedNodeOptions { ReceiveErrorFrames = true });
        var listener = bus.AddNode("listener");
        bus.ScheduleBusOff(TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(100), node);

        clock.Advance(TimeSpan.FromMilliseconds(10));
        Assert.Equal(CanBusState.BusOff, node.State);
        Assert.Equal(CanBusState.ErrorActive, listener.State);
        Assert.False(node.TrySend(Frame(0x1)));
        var wait = node.WaitToSendAsync(TestContext.Current.CancellationToken);
        clock.Advance(TimeSpan.FromMilliseconds(99));
        Assert.False(wait.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(1));

        Assert.True(wait.IsCompletedSuccessfully);
        Assert.True(await wait);
        Assert.Equal(CanBusState.ErrorActive, node.State);
        Assert.True(node.TrySend(Frame(0x1)));
        Assert.Equal([0x1u], Drain(listener).Select(f => f.Id));
        var errors = Drain(node);
        Assert.Equal(2, errors.Count);
        Assert.All(errors, e => Assert.True(e.IsError));
        Assert.Equal(0x40u, errors[0].Id);                       // CAN_ERR_BUSOFF
        Assert.Equal(TimeSpan.FromMilliseconds(10), bus.ToBusTime(errors[0].TimestampNs));
        Assert.Equal(0x100u | 0x4u, errors[1].Id);               // CAN_ERR_RESTARTED | CAN_ERR_CRTL
        Assert.Equal(0x40, errors[1].Data[1]);                   // CAN_ERR_CRTL_ACTIVE
        Assert.Equal(TimeSpan.FromMilliseconds(110), bus.ToBusTime(errors[1].TimestampNs));
        Assert.Equal(1, bus.Statistics.BusOffEvents);
    }

    [Fact]
    public void ScheduleBusOff_WholeBus_QueuedFramesWaitAndGoAfterRecovery()
    {
        var clock = new FakeTimeProvider(Start);
        using var bus = new SimulatedCanBus(new SimulatedCanBusOptions { BitRate = 500_000 }, clock);
        var a = bus.AddNode("a");
        var listener = bus.AddNode("listener");
        a.TrySend(Frame(0x10));
        a.TrySend(Frame(0x11));
        bus.ScheduleBusOff(TimeSpan.Zero, TimeSpan.FromMilliseconds(50));

        clock.Advance(TimeSpan.FromMilliseconds(49));
        Assert.Empty(Drain(listener));
        Assert.Equal(2, a.PendingTransmissions);
        clock.Advance(TimeSpan.FromMilliseconds(5));

        Assert.Equal([0x10u, 0x11u], Drain(listener).Select(f => f.Id));
    }

    [Fact]
    public async Task Dispose_WaitersGetFalse()
    {
        using var bus = new SimulatedCanBus(time: new FakeTimeProvider(Start));
        var node = bus.AddNode("node");
        var receive = node.WaitToReceiveAsync(TestContext.Current.CancellationToken);

        node.Dispose();

        Assert.False(await receive);
        Assert.False(await node.WaitToSendAsync(TestContext.Current.CancellationToken));
        Assert.Equal(CanBusState.Stopped, node.State);
    }

    [Fact]
    public void SendAndReceive_SteadyState_AllocatesNothing()
    {
        using var bus = new SimulatedCanBus(time: new FakeTimeProvider(Start));
        var sender = bus.AddNode("sender");
        var receiver = bus.AddNode("receiver", new SimulatedNodeOptions { Filters = [new CanAcceptanceFilter(0x100, 0x700)] });
        var frame = Frame(0x123);
        var buffer = new CanFrame[64];
        for (int i = 0; i < 1000; i++) { sender.TrySend(in frame); receiver.TryReceive(buffer); }

        long before = GC.GetAllocatedBytesForCurrentThread();
        long received = 0;
        for (int i = 0; i < 10_000; i++)
        {
            sender.TrySend(in frame);
            received += receiver.TryReceive(buffer);
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(10_000, received);
        Assert.Equal(0, allocated);
    }
}
