#pragma warning disable CS8981 // the kernel's own lower-case names, so the layout test and the headers read alike
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace EdgeAI.Drivers.SocketCan.Interop;

// Kernel and libc structures mirrored 1:1 (LP64: x86-64 and arm64). SocketCanLayoutTests compiles a C probe against
// the system headers and compares every size and offset below.

/// <summary><c>struct can_frame</c> (linux/can.h): classic CAN, 16 bytes.</summary>
[StructLayout(LayoutKind.Sequential, Size = 16)]
internal struct can_frame
{
    public uint can_id;
    public byte len;
    public byte __pad;
    public byte __res0;
    public byte len8_dlc;
    public ClassicData data;
}

/// <summary><c>struct canfd_frame</c> (linux/can.h): CAN FD, 72 bytes.</summary>
[StructLayout(LayoutKind.Sequential, Size = 72)]
internal struct canfd_frame
{
    public uint can_id;
    public byte len;
    public byte flags;
    public byte __res0;
    public byte __res1;
    public FdData data;
}

/// <summary>8 data bytes of a classic frame.</summary>
[InlineArray(8)]
internal struct ClassicData { private byte _b; }

/// <summary>64 data bytes of a CAN FD frame.</summary>
[InlineArray(64)]
internal struct FdData { private byte _b; }

/// <summary><c>struct sockaddr_can</c> (linux/can.h), 24 bytes; only family and interface index are used for CAN_RAW.</summary>
[StructLayout(LayoutKind.Explicit, Size = 24)]
internal struct sockaddr_can
{
    [FieldOffset(0)] public ushort can_family;
    [FieldOffset(4)] public int can_ifindex;
    [FieldOffset(8)] public uint rx_id;
    [FieldOffset(12)] public uint tx_id;
}

/// <summary><c>struct can_filter</c> (linux/can.h): a frame passes when <c>(id &amp; mask) == (can_id &amp; mask)</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct can_filter
{
    public uint can_id;
    public uint can_mask;
}

/// <summary><c>struct iovec</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct iovec
{
    public void* iov_base;
    public nuint iov_len;
}

/// <summary><c>struct msghdr</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct msghdr
{
    public void* msg_name;
    public uint msg_namelen;
    public iovec* msg_iov;
    public nuint msg_iovlen;
    public void* msg_control;
    public nuint msg_controllen;
    public int msg_flags;
}

/// <summary><c>struct mmsghdr</c> (recvmmsg/sendmmsg).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct mmsghdr
{
    public msghdr msg_hdr;
    public uint msg_len;
}

/// <summary><c>struct cmsghdr</c>; its data follows at <see cref="Native.CmsgDataOffset"/>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct cmsghdr
{
    public nuint cmsg_len;
    public int cmsg_level;
    public int cmsg_type;
}

/// <summary><c>struct timespec</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct timespec
{
    public long tv_sec;
    public long tv_nsec;
}

/// <summary><c>struct scm_timestamping</c>: [0] software, [1] legacy, [2] raw hardware.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct scm_timestamping
{
    public timespec software;
    public timespec legacy;
    public timespec hardware;
}

/// <summary><c>struct pollfd</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct pollfd
{
    public int fd;
    public short events;
    public short revents;
}
