using System.Runtime.InteropServices;

namespace EdgeAI.Drivers.SocketCan.Interop;

/// <summary>libc calls and the constants of linux/can.h, linux/can/raw.h and sys/socket.h this driver uses.</summary>
internal static unsafe partial class Native
{
    private const string Libc = "libc";

    public const int AF_CAN = 29;
    public const int SOCK_RAW = 3;
    public const int SOCK_NONBLOCK = 0x800;
    public const int SOCK_CLOEXEC = 0x80000;
    public const int CAN_RAW = 1;
    public const int SOL_SOCKET = 1;
    public const int SOL_CAN_RAW = 101;
    public const int CAN_RAW_FILTER = 1;
    public const int CAN_RAW_ERR_FILTER = 2;
    public const int CAN_RAW_LOOPBACK = 3;
    public const int CAN_RAW_RECV_OWN_MSGS = 4;
    public const int CAN_RAW_FD_FRAMES = 5;
    public const int SO_TIMESTAMPING = 37;
    public const int SO_RCVBUF = 8;
    public const int SO_SNDBUF = 7;
    public const int SO_TIMESTAMP = 29;
    public const int SO_RXQ_OVFL = 40;
    public const int AF_UNIX = 1;
    public const int SOCK_SEQPACKET = 5;
    public const int SOF_TIMESTAMPING_RX_HARDWARE = 1 << 2;
    public const int SOF_TIMESTAMPING_RX_SOFTWARE = 1 << 3;
    public const int SOF_TIMESTAMPING_SOFTWARE = 1 << 4;
    public const int SOF_TIMESTAMPING_RAW_HARDWARE = 1 << 6;

    public const uint CAN_EFF_FLAG = 0x8000_0000;
    public const uint CAN_RTR_FLAG = 0x4000_0000;
    public const uint CAN_ERR_FLAG = 0x2000_0000;
    public const uint CAN_SFF_MASK = 0x0000_07FF;
    public const uint CAN_EFF_MASK = 0x1FFF_FFFF;
    public const uint CAN_ERR_MASK = 0x1FFF_FFFF;
    public const uint CAN_INV_FILTER = 0x2000_0000;
    public const byte CANFD_BRS = 0x01;
    public const byte CANFD_ESI = 0x02;
    public const byte CANFD_FDF = 0x04;
    public const int CAN_MTU = 16;
    public const int CANFD_MTU = 72;
    public const byte CAN_MAX_DLEN = 8;

    public const int MSG_DONTWAIT = 0x40;
    public const int MSG_CONFIRM = 0x800;
    public const short POLLIN = 0x1;
    public const short POLLOUT = 0x4;
    public const short POLLERR = 0x8;
    public const short POLLHUP = 0x10;
    public const short POLLNVAL = 0x20;

    public const int EINTR = 4;
    public const int EAGAIN = 11;
    public const int ENODEV = 19;
    public const int ENETDOWN = 100;
    public const int ENOBUFS = 105;
    public const int EAFNOSUPPORT = 97;

    /// <summary>CMSG_DATA offset: the header rounded up to the size of a long.</summary>
    public const int CmsgDataOffset = 16;
    /// <summary>CMSG_SPACE(sizeof(struct scm_timestamping)).</summary>
    public const int TimestampControlSpace = CmsgDataOffset + 48;
    /// <summary>CMSG_SPACE(sizeof(uint32_t)): the SO_RXQ_OVFL drop counter.</summary>
    public const int DropCounterControlSpace = CmsgDataOffset + 8;
    /// <summary>Control bytes per received message: timestamps, the drop counter, and room for one more
    /// message someone else enabled on the socket (e.g. SO_TIMESTAMP), so ours is never cut off (MSG_CTRUNC).</summary>
    public const int ReceiveControlSpace = 128;

    [LibraryImport(Libc, SetLastError = true)]
    public static partial int socket(int domain, int type, int protocol);

    [LibraryImport(Libc, SetLastError = true)]
    public static partial int close(int fd);

    /// <summary>A connected pair of sockets; tests stand a SOCK_SEQPACKET pair in for the CAN socket's transport.</summary>
    [LibraryImport(Libc, SetLastError = true)]
    public static partial int socketpair(int domain, int type, int protocol, int* fds);

    [LibraryImport(Libc, SetLastError = true)]
    public static partial int bind(SafeSocketCanHandle fd, sockaddr_can* address, int length);

    [LibraryImport(Libc, SetLastError = true)]
    public static partial int setsockopt(SafeSocketCanHandle fd, int level, int name, void* value, int length);

    [LibraryImport(Libc, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial uint if_nametoindex(string name);

    [LibraryImport(Libc, SetLastError = true)]
    public static partial int recvmmsg(SafeSocketCanHandle fd, mmsghdr* messages, uint count, int flags, timespec* timeout);

    [LibraryImport(Libc, SetLastError = true)]
    public static partial int sendmmsg(SafeSocketCanHandle fd, mmsghdr* messages, uint count, int flags);

    [LibraryImport(Libc, SetLastError = true)]
    public static partial nint send(SafeSocketCanHandle fd, void* buffer, nuint length, int flags);

    [LibraryImport(Libc, SetLastError = true)]
    public static partial int poll(pollfd* fds, nuint count, int timeoutMs);

    [LibraryImport(Libc)]
    private static partial nint strerror(int errnum);

    /// <summary>The OS's words for an errno.</summary>
    public static string ErrorText(int errno) => Marshal.PtrToStringUTF8(strerror(errno)) ?? $"errno {errno}";
}
