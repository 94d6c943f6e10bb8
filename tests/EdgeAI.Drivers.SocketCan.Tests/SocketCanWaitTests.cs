using EdgeAI.Drivers.SocketCan;
using EdgeAI.Drivers.SocketCan.Interop;

namespace EdgeAI.Drivers.SocketCan.Tests;

/// <summary>The wait loop's decisions, which the kernel's answers drive: an error is ready (so recv/send throws it), never a spin.</summary>
public sealed class SocketCanWaitTests
{
    [Theory]
    [InlineData(Native.POLLIN, Native.POLLIN, true)]
    [InlineData(Native.POLLERR, Native.POLLIN, true)]   // interface down: recv must run and throw ENETDOWN
    [InlineData(Native.POLLHUP, Native.POLLIN, true)]
    [InlineData(Native.POLLNVAL, Native.POLLOUT, true)] // fd closed under us: send must run and throw EBADF
    [InlineData(Native.POLLOUT, Native.POLLIN, false)]
    [InlineData(0, Native.POLLIN, false)]
    public void IsReady_ErrorConditionsCountAsReady(short revents, short events, bool ready) =>
        Assert.Equal(ready, SocketCanBus.IsReady(revents, events));

    [Fact]
    public void Handle_FdZeroIsAValidDescriptor_MinusOneIsNot()
    {
        var zero = new SafeSocketCanHandle(0);
        Assert.False(zero.IsInvalid);
        zero.SetHandleAsInvalid(); // never close the test host's stdin
        Assert.True(new SafeSocketCanHandle(-1).IsInvalid);
        Assert.True(new SafeSocketCanHandle().IsInvalid);
    }
}
