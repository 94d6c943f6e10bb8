using System.Runtime.InteropServices;
using EdgeAI.Can;
using EdgeAI.Can.Errors;
using EdgeAI.Drivers.SocketCan.Interop;

namespace EdgeAI.Drivers.SocketCan.Tests;

/// <summary>How waits end when the socket fails, what a wait costs, and who owns the descriptor and the native buffers.</summary>
public sealed class SocketCanWaitAndLifetimeTests
{
    private static unsafe (SocketCanBus A, SocketCanBus B) Pair()
    {
        int* fds = stackalloc int[2];
        if (Native.socketpair(Native.AF_UNIX, Native.SOCK_SEQPACKET | Native.SOCK_NONBLOCK | Native.SOCK_CLOEXEC, 0, fds) != 0)
            throw new InvalidOperationException("socketpair failed: " + Native.ErrorText(Marshal.GetLastPInvokeError()));
        return (SocketCanBus.Attach("pairA", new SafeSocketCanHandle(fds[0])), SocketCanBus.Attach("pairB", new SafeSocketCanHandle(fds[1])));
    }

    [Fact]
    public async Task WaitToReceive_DescriptorPollReportsInvalid_CompletesAndTheReceiveThrows()
    {
        // No process has a million descriptors open: poll answers POLLNVAL (only), as it would for a socket that went bad.
        using var bus = SocketCanBus.Attach("bad0", new SafeSocketCanHandle(1_000_000, ownsHandle: false));
        var wait = bus.WaitToReceiveAsync(TestContext.Current.CancellationToken).AsTask();
        var finished = await Task.WhenAny(wait, Task.Delay(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken));
        Assert.Same(wait, finished); // before: poll's POLLNVAL was "not ready" and the wait spun a core forever
        Assert.True(await wait);
        var error = Assert.Throws<CanBusException>(() => bus.TryReceive(new CanFrame[1]));
        Assert.Contains("bad0", error.Message);
    }

    [Fact]
    public async Task WaitToSend_DescriptorPollReportsInvalid_CompletesAndTheSendThrows()
    {
        using var bus = SocketCanBus.Attach("bad1", new SafeSocketCanHandle(1_000_001, ownsHandle: false));
        var wait = bus.WaitToSendAsync(TestContext.Current.CancellationToken).AsTask();
        Assert.Same(wait, await Task.WhenAny(wait, Task.Delay(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken)));
        Assert.True(await wait);
        Assert.Throws<CanBusException>(() => bus.TrySend(new CanFrame(1, [1])));
    }

    [Fact]
    public async Task WaitToReceive_PendingWait_AllocatesNothingOnTheCaller()
    {
        var (a, b) = Pair();
        using (a) using (b)
        {
            var got = new CanFrame[1];
            var frame = new CanFrame(0x10, [1]);
            long allocated = 0;
            for (int round = 0; round < 51; round++)
            {
                long before = GC.GetAllocatedBytesForCurrentThread();
                var wait = b.WaitToReceiveAsync(TestContext.Current.CancellationToken);
                long after = GC.GetAllocatedBytesForCurrentThread();
                Assert.False(wait.IsCompleted);
                if (round > 0) allocated += after - before; // the first round warms the thread pool's queue
                Assert.True(a.TrySend(in frame));
                SpinWait.SpinUntil(() => wait.IsCompleted, TimeSpan.FromSeconds(5));
                Assert.True(wait.IsCompleted);
                Assert.True(await wait);
                Assert.Equal(1, b.TryReceive(got));
            }
            Assert.Equal(0, allocated); // before: a Task.Run closure and its Task per wait
        }
    }

    [Fact]
    public async Task WaitToReceive_Cancelled_ThrowsAndTheNextWaitStillWorks()
    {
        var (a, b) = Pair();
        using (a) using (b)
        {
            using var cancel = new CancellationTokenSource();
            var wait = b.WaitToReceiveAsync(cancel.Token).AsTask();
            await cancel.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait);
            var next = b.WaitToReceiveAsync(TestContext.Current.CancellationToken).AsTask();
            Assert.True(a.TrySend(new CanFrame(1, [1])));
            Assert.True(await next);
        }
    }

    [Fact]
    public void Handle_DescriptorZero_IsValid_AndMinusOneIsNot()
    {
        using var zero = new SafeSocketCanHandle(0, ownsHandle: false);
        Assert.False(zero.IsInvalid); // before: SafeHandleZeroOrMinusOneIsInvalid called fd 0 invalid
        using var unset = new SafeSocketCanHandle();
        Assert.True(unset.IsInvalid);
        using var minusOne = new SafeSocketCanHandle(-1, ownsHandle: false);
        Assert.True(minusOne.IsInvalid);
    }

    [Fact]
    public void Dispose_WhileAReceiveHoldsTheBuffers_FreesThemOnlyWhenItReturns()
    {
        var (a, b) = Pair();
        using (a)
        {
            var buffers = b.Buffers;
            bool held = false;
            buffers.DangerousAddRef(ref held); // what TryReceive holds while recvmmsg writes into the buffers
            b.Dispose();
            Assert.False(buffers.Released); // before: freed here, under the receive
            Assert.Throws<ObjectDisposedException>(() => b.TryReceive(new CanFrame[1]));
            buffers.DangerousRelease();
            Assert.True(buffers.Released);
            b.Dispose();
            Assert.True(buffers.Released);
        }
    }

    [Fact]
    public async Task Dispose_RacingReceivesOnAnotherThread_EndsThemWithObjectDisposedAndFreesOnce()
    {
        for (int round = 0; round < 20; round++)
        {
            var (a, b) = Pair();
            using (a)
            {
                for (uint i = 0; i < 8; i++) Assert.True(a.TrySend(new CanFrame(i, [1])));
                var buffers = b.Buffers;
                using var started = new ManualResetEventSlim();
                var reader = Task.Run(() =>
                {
                    var got = new CanFrame[4];
                    started.Set();
                    try
                    {
                        while (true) b.TryReceive(got);
                    }
                    catch (ObjectDisposedException)
                    {
                        return true; // the only way a receive may end once the bus is disposed under it
                    }
                }, TestContext.Current.CancellationToken);
                started.Wait(TestContext.Current.CancellationToken);
                b.Dispose();
                Assert.True(await reader);
                Assert.True(buffers.Released);
            }
        }
    }

    [Fact]
    public void Buffers_BusNeverDisposed_AreCollectedWithTheirFinalizableOwner()
    {
        var weak = Abandon();
        for (int i = 0; i < 10 && weak.IsAlive; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
        Assert.False(weak.IsAlive); // the SafeHandle was finalized, and its ReleaseHandle frees the block

        static WeakReference Abandon()
        {
            var (a, b) = Pair();
            a.Dispose();
            return new WeakReference(b.Buffers);
        }
    }
}
