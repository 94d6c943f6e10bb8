using System.Globalization;
using System.Runtime.InteropServices;
using EdgeAI.Drivers.SocketCan.Interop;
using EdgeAI.TestKit;

namespace EdgeAI.Drivers.SocketCan.Tests;

/// <summary>Compiles a C probe against the system's kernel headers and compares every size, offset and constant the driver mirrors.</summary>
public sealed class SocketCanLayoutTests
{
    private const string Probe = """
        #define _GNU_SOURCE
        #include <stdio.h>
        #include <stddef.h>
        #include <poll.h>
        #include <time.h>
        #include <sys/socket.h>
        #include <sys/uio.h>
        #include <linux/can.h>
        #include <linux/can/raw.h>
        #include <linux/can/error.h>
        #include <linux/errqueue.h>
        #include <linux/net_tstamp.h>
        #include <errno.h>
        #define P(name, value) printf("%s %lld\n", name, (long long)(value))
        #define S(t) P("sizeof " #t, sizeof(struct t))
        #define O(t, f) P("offsetof " #t "." #f, offsetof(struct t, f))
        int main(void) {
          S(can_frame); O(can_frame, can_id); O(can_frame, len); O(can_frame, len8_dlc); O(can_frame, data);
          S(canfd_frame); O(canfd_frame, can_id); O(canfd_frame, len); O(canfd_frame, flags); O(canfd_frame, data);
          S(sockaddr_can); O(sockaddr_can, can_family); O(sockaddr_can, can_ifindex); O(sockaddr_can, can_addr);
          S(can_filter); O(can_filter, can_id); O(can_filter, can_mask);
          S(iovec); O(iovec, iov_base); O(iovec, iov_len);
          S(msghdr); O(msghdr, msg_name); O(msghdr, msg_namelen); O(msghdr, msg_iov); O(msghdr, msg_iovlen);
          O(msghdr, msg_control); O(msghdr, msg_controllen); O(msghdr, msg_flags);
          S(mmsghdr); O(mmsghdr, msg_len);
          S(cmsghdr); O(cmsghdr, cmsg_len); O(cmsghdr, cmsg_level); O(cmsghdr, cmsg_type);
          S(timespec); S(scm_timestamping); S(pollfd); O(pollfd, events); O(pollfd, revents);
          P("CMSG_DATA offset", CMSG_LEN(0)); P("CMSG_SPACE scm_timestamping", CMSG_SPACE(sizeof(struct scm_timestamping)));
          P("CMSG_SPACE uint32", CMSG_SPACE(sizeof(unsigned int))); P("SO_RXQ_OVFL", SO_RXQ_OVFL); P("SO_TIMESTAMP_OLD", SO_TIMESTAMP_OLD);
          P("AF_UNIX", AF_UNIX); P("SOCK_SEQPACKET", SOCK_SEQPACKET); P("SO_SNDBUF", SO_SNDBUF);
          P("AF_CAN", AF_CAN); P("SOCK_RAW", SOCK_RAW); P("SOCK_NONBLOCK", SOCK_NONBLOCK); P("SOCK_CLOEXEC", SOCK_CLOEXEC);
          P("CAN_RAW", CAN_RAW); P("SOL_SOCKET", SOL_SOCKET); P("SOL_CAN_RAW", SOL_CAN_RAW);
          P("CAN_RAW_FILTER", CAN_RAW_FILTER); P("CAN_RAW_ERR_FILTER", CAN_RAW_ERR_FILTER); P("CAN_RAW_LOOPBACK", CAN_RAW_LOOPBACK);
          P("CAN_RAW_RECV_OWN_MSGS", CAN_RAW_RECV_OWN_MSGS); P("CAN_RAW_FD_FRAMES", CAN_RAW_FD_FRAMES);
          P("SO_TIMESTAMPING", SO_TIMESTAMPING); P("SOF_TIMESTAMPING_RX_HARDWARE", SOF_TIMESTAMPING_RX_HARDWARE);
          P("SOF_TIMESTAMPING_RX_SOFTWARE", SOF_TIMESTAMPING_RX_SOFTWARE); P("SOF_TIMESTAMPING_SOFTWARE", SOF_TIMESTAMPING_SOFTWARE);
          P("SOF_TIMESTAMPING_RAW_HARDWARE", SOF_TIMESTAMPING_RAW_HARDWARE);
          P("CAN_EFF_FLAG", CAN_EFF_FLAG); P("CAN_RTR_FLAG", CAN_RTR_FLAG); P("CAN_ERR_FLAG", CAN_ERR_FLAG);
          P("CAN_SFF_MASK", CAN_SFF_MASK); P("CAN_EFF_MASK", CAN_EFF_MASK); P("CAN_ERR_MASK", CAN_ERR_MASK); P("CAN_INV_FILTER", CAN_INV_FILTER);
          P("CANFD_BRS", CANFD_BRS); P("CANFD_ESI", CANFD_ESI); P("CANFD_FDF", CANFD_FDF); P("CAN_MTU", CAN_MTU); P("CANFD_MTU", CANFD_MTU);
          P("MSG_DONTWAIT", MSG_DONTWAIT); P("MSG_CONFIRM", MSG_CONFIRM); P("POLLIN", POLLIN); P("POLLOUT", POLLOUT);
          P("POLLERR", POLLERR); P("POLLHUP", POLLHUP); P("POLLNVAL", POLLNVAL);
          P("EINTR", EINTR); P("EAGAIN", EAGAIN); P("ENODEV", ENODEV); P("ENETDOWN", ENETDOWN); P("ENOBUFS", ENOBUFS); P("EAFNOSUPPORT", EAFNOSUPPORT);
          P("CAN_ERR_TX_TIMEOUT", CAN_ERR_TX_TIMEOUT); P("CAN_ERR_LOSTARB", CAN_ERR_LOSTARB); P("CAN_ERR_CRTL", CAN_ERR_CRTL);
          P("CAN_ERR_PROT", CAN_ERR_PROT); P("CAN_ERR_TRX", CAN_ERR_TRX); P("CAN_ERR_ACK", CAN_ERR_ACK); P("CAN_ERR_BUSOFF", CAN_ERR_BUSOFF);
          P("CAN_ERR_BUSERROR", CAN_ERR_BUSERROR); P("CAN_ERR_RESTARTED", CAN_ERR_RESTARTED); P("CAN_ERR_CNT", CAN_ERR_CNT);
          P("CAN_ERR_CRTL_RX_OVERFLOW", CAN_ERR_CRTL_RX_OVERFLOW); P("CAN_ERR_CRTL_TX_OVERFLOW", CAN_ERR_CRTL_TX_OVERFLOW);
          P("CAN_ERR_CRTL_RX_WARNING", CAN_ERR_CRTL_RX_WARNING); P("CAN_ERR_CRTL_TX_WARNING", CAN_ERR_CRTL_TX_WARNING);
          P("CAN_ERR_CRTL_RX_PASSIVE", CAN_ERR_CRTL_RX_PASSIVE); P("CAN_ERR_CRTL_TX_PASSIVE", CAN_ERR_CRTL_TX_PASSIVE);
          P("CAN_ERR_CRTL_ACTIVE", CAN_ERR_CRTL_ACTIVE); P("CAN_ERR_PROT_TX", CAN_ERR_PROT_TX); P("CAN_ERR_DLC", CAN_ERR_DLC);
          return 0;
        }
        """;

    private static readonly Lazy<Dictionary<string, long>> Kernel = new(CompileAndRun);

    public static TheoryData<string, long> Managed() => new()
    {
        { "sizeof can_frame", Marshal.SizeOf<can_frame>() },
        { "offsetof can_frame.can_id", Marshal.OffsetOf<can_frame>(nameof(can_frame.can_id)) },
        { "offsetof can_frame.len", Marshal.OffsetOf<can_frame>(nameof(can_frame.len)) },
        { "offsetof can_frame.len8_dlc", Marshal.OffsetOf<can_frame>(nameof(can_frame.len8_dlc)) },
        { "offsetof can_frame.data", Marshal.OffsetOf<can_frame>(nameof(can_frame.data)) },
        { "sizeof canfd_frame", Marshal.SizeOf<canfd_frame>() },
        { "offsetof canfd_frame.can_id", Marshal.OffsetOf<canfd_frame>(nameof(canfd_frame.can_id)) },
        { "offsetof canfd_frame.len", Marshal.OffsetOf<canfd_frame>(nameof(canfd_frame.len)) },
        { "offsetof canfd_frame.flags", Marshal.OffsetOf<canfd_frame>(nameof(canfd_frame.flags)) },
        { "offsetof canfd_frame.data", Marshal.OffsetOf<canfd_frame>(nameof(canfd_frame.data)) },
        { "sizeof sockaddr_can", Marshal.SizeOf<sockaddr_can>() },
        { "offsetof sockaddr_can.can_family", Marshal.OffsetOf<sockaddr_can>(nameof(sockaddr_can.can_family)) },
        { "offsetof sockaddr_can.can_ifindex", Marshal.OffsetOf<sockaddr_can>(nameof(sockaddr_can.can_ifindex)) },
        { "offsetof sockaddr_can.can_addr", Marshal.OffsetOf<sockaddr_can>(nameof(sockaddr_can.rx_id)) },
        { "sizeof can_filter", Marshal.SizeOf<can_filter>() },
        { "offsetof can_filter.can_id", Marshal.OffsetOf<can_filter>(nameof(can_filter.can_id)) },
        { "offsetof can_filter.can_mask", Marshal.OffsetOf<can_filter>(nameof(can_filter.can_mask)) },
        { "sizeof iovec", Marshal.SizeOf<iovec>() },
        { "offsetof iovec.iov_base", Marshal.OffsetOf<iovec>(nameof(iovec.iov_base)) },
        { "offsetof iovec.iov_len", Marshal.OffsetOf<iovec>(nameof(iovec.iov_len)) },
        { "sizeof msghdr", Marshal.SizeOf<msghdr>() },
        { "offsetof msghdr.msg_name", Marshal.OffsetOf<msghdr>(nameof(msghdr.msg_name)) },
        { "offsetof msghdr.msg_namelen", Marshal.OffsetOf<msghdr>(nameof(msghdr.msg_namelen)) },
        { "offsetof msghdr.msg_iov", Marshal.OffsetOf<msghdr>(nameof(msghdr.msg_iov)) },
        { "offsetof msghdr.msg_iovlen", Marshal.OffsetOf<msghdr>(nameof(msghdr.msg_iovlen)) },
        { "offsetof msghdr.msg_control", Marshal.OffsetOf<msghdr>(nameof(msghdr.msg_control)) },
        { "offsetof msghdr.msg_controllen", Marshal.OffsetOf<msghdr>(nameof(msghdr.msg_controllen)) },
        { "offsetof msghdr.msg_flags", Marshal.OffsetOf<msghdr>(nameof(msghdr.msg_flags)) },
        { "sizeof mmsghdr", Marshal.SizeOf<mmsghdr>() },
        { "offsetof mmsghdr.msg_len", Marshal.OffsetOf<mmsghdr>(nameof(mmsghdr.msg_len)) },
        { "sizeof cmsghdr", Marshal.SizeOf<cmsghdr>() },
        { "offsetof cmsghdr.cmsg_len", Marshal.OffsetOf<cmsghdr>(nameof(cmsghdr.cmsg_len)) },
        { "offsetof cmsghdr.cmsg_level", Marshal.OffsetOf<cmsghdr>(nameof(cmsghdr.cmsg_level)) },
        { "offsetof cmsghdr.cmsg_type", Marshal.OffsetOf<cmsghdr>(nameof(cmsghdr.cmsg_type)) },
        { "sizeof timespec", Marshal.SizeOf<timespec>() },
        { "sizeof scm_timestamping", Marshal.SizeOf<scm_timestamping>() },
        { "sizeof pollfd", Marshal.SizeOf<pollfd>() },
        { "offsetof pollfd.events", Marshal.OffsetOf<pollfd>(nameof(pollfd.events)) },
        { "offsetof pollfd.revents", Marshal.OffsetOf<pollfd>(nameof(pollfd.revents)) },
        { "CMSG_DATA offset", Native.CmsgDataOffset },
        { "CMSG_SPACE scm_timestamping", Native.TimestampControlSpace },
        { "CMSG_SPACE uint32", Native.DropCounterControlSpace }, { "SO_RXQ_OVFL", Native.SO_RXQ_OVFL }, { "SO_TIMESTAMP_OLD", Native.SO_TIMESTAMP },
        { "AF_UNIX", Native.AF_UNIX }, { "SOCK_SEQPACKET", Native.SOCK_SEQPACKET }, { "SO_SNDBUF", Native.SO_SNDBUF },
        { "AF_CAN", Native.AF_CAN }, { "SOCK_RAW", Native.SOCK_RAW }, { "SOCK_NONBLOCK", Native.SOCK_NONBLOCK }, { "SOCK_CLOEXEC", Native.SOCK_CLOEXEC },
        { "CAN_RAW", Native.CAN_RAW }, { "SOL_SOCKET", Native.SOL_SOCKET }, { "SOL_CAN_RAW", Native.SOL_CAN_RAW },
        { "CAN_RAW_FILTER", Native.CAN_RAW_FILTER }, { "CAN_RAW_ERR_FILTER", Native.CAN_RAW_ERR_FILTER }, { "CAN_RAW_LOOPBACK", Native.CAN_RAW_LOOPBACK },
        { "CAN_RAW_RECV_OWN_MSGS", Native.CAN_RAW_RECV_OWN_MSGS }, { "CAN_RAW_FD_FRAMES", Native.CAN_RAW_FD_FRAMES },
        { "SO_TIMESTAMPING", Native.SO_TIMESTAMPING }, { "SOF_TIMESTAMPING_RX_HARDWARE", Native.SOF_TIMESTAMPING_RX_HARDWARE },
        { "SOF_TIMESTAMPING_RX_SOFTWARE", Native.SOF_TIMESTAMPING_RX_SOFTWARE }, { "SOF_TIMESTAMPING_SOFTWARE", Native.SOF_TIMESTAMPING_SOFTWARE },
        { "SOF_TIMESTAMPING_RAW_HARDWARE", Native.SOF_TIMESTAMPING_RAW_HARDWARE },
        { "CAN_EFF_FLAG", Native.CAN_EFF_FLAG }, { "CAN_RTR_FLAG", Native.CAN_RTR_FLAG }, { "CAN_ERR_FLAG", Native.CAN_ERR_FLAG },
        { "CAN_SFF_MASK", Native.CAN_SFF_MASK }, { "CAN_EFF_MASK", Native.CAN_EFF_MASK }, { "CAN_ERR_MASK", Native.CAN_ERR_MASK }, { "CAN_INV_FILTER", Native.CAN_INV_FILTER },
        { "CANFD_BRS", Native.CANFD_BRS }, { "CANFD_ESI", Native.CANFD_ESI }, { "CANFD_FDF", Native.CANFD_FDF }, { "CAN_MTU", Native.CAN_MTU }, { "CANFD_MTU", Native.CANFD_MTU },
        { "MSG_DONTWAIT", Native.MSG_DONTWAIT }, { "MSG_CONFIRM", Native.MSG_CONFIRM }, { "POLLIN", Native.POLLIN }, { "POLLOUT", Native.POLLOUT },
        { "POLLERR", Native.POLLERR }, { "POLLHUP", Native.POLLHUP }, { "POLLNVAL", Native.POLLNVAL },
        { "EINTR", Native.EINTR }, { "EAGAIN", Native.EAGAIN }, { "ENODEV", Native.ENODEV }, { "ENETDOWN", Native.ENETDOWN }, { "ENOBUFS", Native.ENOBUFS }, { "EAFNOSUPPORT", Native.EAFNOSUPPORT },
        { "CAN_ERR_TX_TIMEOUT", (long)Can.Errors.CanErrorClass.TxTimeout }, { "CAN_ERR_LOSTARB", (long)Can.Errors.CanErrorClass.LostArbitration },
        { "CAN_ERR_CRTL", (long)Can.Errors.CanErrorClass.Controller }, { "CAN_ERR_PROT", (long)Can.Errors.CanErrorClass.Protocol },
        { "CAN_ERR_TRX", (long)Can.Errors.CanErrorClass.Transceiver }, { "CAN_ERR_ACK", (long)Can.Errors.CanErrorClass.NoAck },
        { "CAN_ERR_BUSOFF", (long)Can.Errors.CanErrorClass.BusOff }, { "CAN_ERR_BUSERROR", (long)Can.Errors.CanErrorClass.BusError },
        { "CAN_ERR_RESTARTED", (long)Can.Errors.CanErrorClass.Restarted }, { "CAN_ERR_CNT", (long)Can.Errors.CanErrorClass.Counters },
        { "CAN_ERR_CRTL_RX_OVERFLOW", (long)Can.Errors.CanControllerStatus.RxOverflow }, { "CAN_ERR_CRTL_TX_OVERFLOW", (long)Can.Errors.CanControllerStatus.TxOverflow },
        { "CAN_ERR_CRTL_RX_WARNING", (long)Can.Errors.CanControllerStatus.RxWarning }, { "CAN_ERR_CRTL_TX_WARNING", (long)Can.Errors.CanControllerStatus.TxWarning },
        { "CAN_ERR_CRTL_RX_PASSIVE", (long)Can.Errors.CanControllerStatus.RxPassive }, { "CAN_ERR_CRTL_TX_PASSIVE", (long)Can.Errors.CanControllerStatus.TxPassive },
        { "CAN_ERR_CRTL_ACTIVE", (long)Can.Errors.CanControllerStatus.Active }, { "CAN_ERR_PROT_TX", Can.Errors.CanErrorFrame.ProtocolOnTransmit },
        { "CAN_ERR_DLC", Can.Errors.CanErrorFrame.Length },
    };

    [Theory]
    [MemberData(nameof(Managed))]
    public void ManagedMirror_EqualsKernelHeaders(string name, long managed)
    {
        string? missing = ExternalTool.MissingProgramReason("gcc", "gcc");
        if (missing is not null) Assert.Skip(missing);
        Assert.True(Kernel.Value.TryGetValue(name, out long kernel), $"the probe did not print {name}");
        Assert.Equal(kernel, managed);
    }

    private static Dictionary<string, long> CompileAndRun()
    {
        using var dir = new TempDirectory();
        string source = dir.File("probe.c"), binary = dir.File("probe");
        File.WriteAllText(source, Probe);
        ExternalTool.Run("gcc", ["-o", binary, source]);
        var values = new Dictionary<string, long>();
        foreach (var line in ExternalTool.Run(binary, []).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            int space = line.LastIndexOf(' ');
            values[line[..space]] = long.Parse(line[(space + 1)..], CultureInfo.InvariantCulture);
        }
        return values;
    }
}
