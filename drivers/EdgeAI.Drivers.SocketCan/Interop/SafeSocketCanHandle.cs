using Microsoft.Win32.SafeHandles;

namespace EdgeAI.Drivers.SocketCan.Interop;

/// <summary>A CAN_RAW socket file descriptor, closed exactly once.</summary>
internal sealed class SafeSocketCanHandle : SafeHandleMinusOneIsInvalid
{
    public SafeSocketCanHandle() : base(ownsHandle: true) { }

    public SafeSocketCanHandle(int fd) : base(ownsHandle: true) => SetHandle(fd);

    /// <summary>The descriptor number (for poll).</summary>
    public int Fd => (int)handle;

    protected override bool ReleaseHandle() => Native.close((int)handle) == 0;
}
