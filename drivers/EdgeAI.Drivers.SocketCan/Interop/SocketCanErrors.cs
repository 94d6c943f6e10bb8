using EdgeAI.Can;

namespace EdgeAI.Drivers.SocketCan.Interop;

/// <summary>The one place native errors become <see cref="CanBusException"/>s with the OS's message and what to do.</summary>
internal static class SocketCanErrors
{
    /// <summary>The message when the kernel has no AF_CAN (EAFNOSUPPORT from socket()).</summary>
    public static string NoKernelSupport(string interfaceName) =>
        $"{interfaceName}: this kernel has no SocketCAN (AF_CAN) support; load can/can_raw or use --to sim";

    /// <summary>The exception for <paramref name="errno"/> after <paramref name="call"/> failed on <paramref name="interfaceName"/>.</summary>
    public static CanBusException From(string interfaceName, string call, int errno) => errno switch
    {
        Native.EAFNOSUPPORT => new CanBusException(interfaceName, NoKernelSupport(interfaceName), errno),
        Native.ENODEV => new CanBusException(interfaceName, $"no such CAN interface '{interfaceName}'; see `ip link`", errno),
        Native.ENETDOWN => new CanBusException(interfaceName, $"{interfaceName}: the interface is down; run: ip link set {interfaceName} up", errno),
        _ => new CanBusException(interfaceName, $"{interfaceName}: {call} failed: {Native.ErrorText(errno)} (errno {errno})", errno),
    };
}
