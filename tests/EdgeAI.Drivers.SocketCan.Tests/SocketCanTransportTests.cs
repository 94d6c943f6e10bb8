using System.Runtime.InteropServices;
using EdgeAI.Can;
using EdgeAI.Can.Errors;
using EdgeAI.Drivers.SocketCan.Interop;

namespace EdgeAI.Drivers.SocketCan.Tests;

/// <summary>
/// The driver's send/receive machinery (recvmmsg/sendmmsg batches, control-message parsing, EAGAIN back-pressure,
/// poll-based waits, state from error frames, no allocation per frame) on this machine, which has no AF_CAN: two
/// buses are attached to the ends of a kernel SOCK_SEQPACKET pair, which carries the same 16/72-byte messages with
/// their boundaries kept. What only a CAN socket does (filters, MSG_CONFIRM echoes, drop counter) is in the vcan tests.
/// </summary>
public sealed class SocketCanTransportTests
{
    private static unsafe (SocketCanBus A, SocketCanBus B) Pair(SocketCanOptions? options = null, Action<SafeSocketCanHandle>? configureB = null)
    {
        int* fds = stackalloc int[2];
        if (Native.socketpair(Native.AF_UNIX, Native.SOCK_SEQPACKET | Native.SOCK_NONBLOCK | Native.SOCK_CLOEXEC, 0, fds) != 0)
            throw new InvalidOperationException("socketpair failed: " + Native.ErrorText(Marshal.GetLastPInvokeError()));
        var a = new SafeSocketCanHandle(fds[0]);
        var b = new SafeSocketCanHandle(fds[1]);
        configureB?.Invoke(b);
        return (SocketCanBus.Attach("pairA", a, options), SocketCanBus.Attach("pairB", b, options));
    }

    private static CanFrame[] Mixed() =>
    [
        new(0x123, [0xDE, 0xAD, 0xBE, 0xEF]),
        new(0x1234_5678, [1, 2, 3, 4, 5, 6, 7, 8], CanFlags.Extended),
        new(0x7FF, [], CanFlags.Remote, remoteDlc: 6),
        new(0x456, Enumerable.Range(0, 64).Select(i => (byte)i).ToArray(), CanFlags.Fd | CanFlags.Brs | CanFlags.Esi),
        new(0x1ABC_DEF0, new byte[12], CanFlags.Extended | CanFlags.Fd),
        CanErrorFrame.ControllerState(CanBusState.ErrorWarning, 97, 3),
    ];

    [Fact]
    public void TryReceive_BatchOfMixedFrames_ComesBackInOrderFlaggedRx()
    {
        var (a, b) = Pair();
        using (a) using (b)
        {
            var sent = Mixed();
            foreach (var frame in sent) Assert.True(a.TrySend(in frame));
            var got = new CanFrame[16];
            int n = b.TryReceive(got);
            Assert.Equal(sent.Length, n);
            for (int i = 0; i < n; i++)
            {
                Assert.Equal(sent[i].WithDirection(CanFlags.Rx), got[i]);
            }
            Assert.Equal(sent.Length, b.Received);
            Assert.Equal(0, b.TryReceive(got));
        }
    }

    [Fact]
    public void TrySendBatch_UsesOneSendmmsg_AndEveryFrameArrives()
    {
        var (a, b) = Pair();
        using (a) using (b)
        {
            var sent = Enumerable.Range(0, 40).Select(i => new CanFrame((uint)i, [(byte)i, (byte)(i >> 8)])).ToArray();
            Assert.Equal(sent.Length, a.TrySend(sent));
            Assert.Equal(sent.Length, a.Sent);
            var got = new CanFrame[64];
            Assert.Equal(sent.Length, b.TryReceive(got));
            for (int i = 0; i < sent.Length; i++) Assert.Equal((uint)i, got[i].Id);
        }
    }

    [Fact]
    public void TryReceive_MoreWaitingThanTheBatch_ReturnsOneBatchAtATime()
    {
        var (a, b) = Pair(new SocketCanOptions { BatchSize = 4 });
        using (a) using (b)
        {
            for (uint i = 0; i < 10; i++) Assert.True(a.TrySend(new CanFrame(i, [1])));
            var got = new CanFrame[16];
            Assert.Equal(4, b.TryReceive(got));
            Assert.Equal(3u, got[3].Id);
            Assert.Equal(4, b.TryReceive(got));
            Assert.Equal(2, b.TryReceive(got));
            Assert.Equal(9u, got[1].Id);
        }
    }

    [Fact]
    public void TryReceive_ErrorFrames_MoveStateThroughWarningPassiveBusOffAndBack()
    {
        var (a, b) = Pair();
        using (a) using (b)
        {
            var got = new CanFrame[4];
            Assert.Equal(CanBusState.Unknown, b.State);
            Assert.True(a.TrySend(new CanFrame(0x10, [1])));
            b.TryReceive(got);
            Assert.Equal(CanBusState.ErrorActive, b.State);

            (CanFrame Frame, CanBusState Expected)[] steps =
            [
                (CanErrorFrame.ControllerState(CanBusState.ErrorWarning, 96, 0), CanBusState.ErrorWarning),
                (CanErrorFrame.ControllerState(CanBusState.ErrorPassive, 128, 0), CanBusState.ErrorPassive),
                (CanErrorFrame.BusOff(), CanBusState.BusOff),
                (new CanFrame(0x20, [2]), CanBusState.BusOff),
                (CanErrorFrame.Restarted(), CanBusState.ErrorActive),
            ];
            foreach (var (frame, expected) in steps)
            {
                Assert.True(a.TrySend(in frame));
                Assert.Equal(1, b.TryReceive(got));
                Assert.Equal(expected, b.State);
            }
            Assert.Equal("controller restarted; controller: back to error active", b.LastError.ToString());
        }
    }

    [Fact]
    public void TryReceive_WithKernelTimestamps_StampsEachFrameWithTheReceiveTime()
    {
        // AF_UNIX stamps messages only when SO_TIMESTAMP asks; the kernel then also sends SCM_TIMESTAMP first,
        // which the parser must step over to find SCM_TIMESTAMPING (as a CAN socket delivers it).
        var (a, b) = Pair(configureB: socket =>
        {
            SetInt(socket, Native.SOL_SOCKET, Native.SO_TIMESTAMP, 1);
            SetInt(socket, Native.SOL_SOCKET, Native.SO_TIMESTAMPING, Native.SOF_TIMESTAMPING_RX_SOFTWARE | Native.SOF_TIMESTAMPING_SOFTWARE);
        });
        using (a) using (b)
        {
            long before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000;
            for (uint i = 0; i < 3; i++) Assert.True(a.TrySend(new CanFrame(i, [1])));
            var got = new CanFrame[4];
            Assert.Equal(3, b.TryReceive(got));
            long after = (DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + 1) * 1_000_000;
            for (int i = 0; i < 3; i++)
            {
                Assert.InRange(got[i].TimestampNs, before, after);
                if (i > 0) Assert.True(got[i].TimestampNs >= got[i - 1].TimestampNs);
            }
        }
    }

    [Fact]
    public void TryReceive_WithoutTimestampControlMessage_LeavesTimestampZero()
    {
        var (a, b) = Pair();
        using (a) using (b)
        {
            Assert.True(a.TrySend(new CanFrame(0x1, [1])));
            var got = new CanFrame[1];
            Assert.Equal(1, b.TryReceive(got));
            Assert.Equal(0, got[0].TimestampNs);
        }
    }

    [Fact]
    public async Task TrySend_QueueFull_ReturnsFalseCountsIt_AndWaitToSendCompletesOnceThePeerDrains()
    {
        var (a, b) = Pair();
        using (a) using (b)
        {
            var frame = new CanFrame(0x100, [1, 2, 3, 4, 5, 6, 7, 8]);
            int accepted = 0;
            while (a.TrySend(in frame))
            {
                Assert.True(++accepted < 1_000_000, "the kernel never pushed back");
            }
            Assert.Equal(1, a.SendRefused);
            Assert.Equal(accepted, a.Sent);
            Assert.False(a.TrySend(in frame));
            Assert.Equal(2, a.SendRefused);

            var wait = a.WaitToSendAsync(TestContext.Current.CancellationToken).AsTask();
            Assert.False(wait.IsCompleted);
            var got = new CanFrame[64];
            int drained = 0;
            while (drained < accepted)
            {
                int n = b.TryReceive(got);
                if (n == 0) break;
                drained += n;
            }
            Assert.Equal(accepted, drained);
            Assert.True(await wait);
            Assert.True(a.TrySend(in frame));
        }
    }

    [Fact]
    public async Task WaitToReceive_FrameArrivesLater_Completes_AndDisposeEndsAPendingWaitWithFalse()
    {
        var (a, b) = Pair();
        using (a)
        {
            var first = b.WaitToReceiveAsync(TestContext.Current.CancellationToken).AsTask();
            Assert.False(first.IsCompleted);
            Assert.True(a.TrySend(new CanFrame(0x5, [5])));
            Assert.True(await first);
            Assert.Equal(1, b.TryReceive(new CanFrame[1]));

            var pending = b.WaitToReceiveAsync(TestContext.Current.CancellationToken).AsTask();
            b.Dispose();
            Assert.False(await pending);
            Assert.Equal(CanBusState.Stopped, b.State);
            Assert.False(await b.WaitToReceiveAsync(TestContext.Current.CancellationToken));
            Assert.Throws<ObjectDisposedException>(() => b.TryReceive(new CanFrame[1]));
        }
    }

    [Fact]
    public void SteadyState_SendAndReceive_AllocateNothingPerFrame()
    {
        var (a, b) = Pair();
        using (a) using (b)
        {
            var frames = Mixed();
            var got = new CanFrame[16];
            void Round()
            {
                for (int i = 0; i < frames.Length; i++) a.TrySend(in frames[i]);
                a.TrySend(frames);
                while (b.TryReceive(got) > 0) { }
            }
            Round();
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int r = 0; r < 200; r++) Round();
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.Equal(200 * 2 * frames.Length, b.Received - 2 * frames.Length);
            Assert.Equal(0, allocated);
        }
    }

    private static unsafe void SetInt(SafeSocketCanHandle socket, int level, int option, int value)
    {
        if (Native.setsockopt(socket, level, option, &value, sizeof(int)) != 0)
            throw new InvalidOperationException($"setsockopt({level}, {option}): " + Native.ErrorText(Marshal.GetLastPInvokeError()));
    }
}
