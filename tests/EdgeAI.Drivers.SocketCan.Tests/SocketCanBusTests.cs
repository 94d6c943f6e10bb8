using EdgeAI.Can;
using EdgeAI.Drivers.SocketCan.Interop;

namespace EdgeAI.Drivers.SocketCan.Tests;

public sealed class SocketCanBusTests
{
    private static readonly string? NoAfCan = SocketCanBus.ProbeKernelSupport();

    [Fact]
    public void Open_KernelWithoutAfCan_SaysSoInOneLineWithWhatToDo()
    {
        if (NoAfCan is null) Assert.Skip("this kernel has AF_CAN; the message for kernels without it cannot be observed here");
        var e = Assert.Throws<CanBusException>(() => SocketCanBus.Open("can0"));
        Assert.Equal("can0: this kernel has no SocketCAN (AF_CAN) support; load can/can_raw or use --to sim", e.Message);
        Assert.Equal(Native.EAFNOSUPPORT, e.ErrorNumber);
        Assert.Equal("can0", e.InterfaceName);
        Assert.Contains("modprobe can_raw", NoAfCan);
    }

    [Fact]
    public void Open_InterfaceThatDoesNotExist_NamesIt()
    {
        if (NoAfCan is not null) Assert.Skip("needs AF_CAN to get past socket(): " + NoAfCan);
        var e = Assert.Throws<CanBusException>(() => SocketCanBus.Open("can77"));
        Assert.Equal("no such CAN interface 'can77'; see `ip link`", e.Message);
    }

    [Fact]
    public void ErrorMessages_ForCommonErrnos_SayWhatToDo()
    {
        Assert.Contains("ip link set can0 up", SocketCanErrors.From("can0", "send", Native.ENETDOWN).Message);
        var other = SocketCanErrors.From("can0", "bind", 13);
        Assert.StartsWith("can0: bind failed: ", other.Message);
        Assert.Contains("(errno 13)", other.Message);
    }

    [Fact]
    public void Interfaces_IpDetailsJson_GiveStateAndBitRates()
    {
        const string json = """[{"ifname":"can0","operstate":"UP","linkinfo":{"info_kind":"can","info_data":{"state":"ERROR-PASSIVE","bittiming":{"bitrate":500000,"sample_point":"0.875"},"data_bittiming":{"bitrate":2000000}}}}]""";
        var info = SocketCanInterfaces.ParseIpDetails(json, new CanInterfaceInfo("can0", "up", CanBusState.Unknown, 0, 0, ""));
        Assert.Equal(CanBusState.ErrorPassive, info.State);
        Assert.Equal(500_000, info.BitRate);
        Assert.Equal(2_000_000, info.DataBitRate);
        Assert.Equal("can", info.Kind);
    }

    [Fact]
    [Trait("Category", "Hardware")]
    public async Task Vcan0_FrameSentOnOneSocket_ArrivesOnAnotherWithKernelTimestamp()
    {
        if (NoAfCan is not null) Assert.Skip(NoAfCan);
        if (!Directory.Exists("/sys/class/net/vcan0")) Assert.Skip("no vcan0 (modprobe vcan; ip link add dev vcan0 type vcan; ip link set up vcan0)");
        using var receiver = SocketCanBus.Open("vcan0");
        using var sender = SocketCanBus.Open("vcan0");
        var frame = new CanFrame(0x321, [1, 2, 3], CanFlags.Fd | CanFlags.Brs);
        Assert.True(sender.TrySend(in frame));
        Assert.True(await receiver.WaitToReceiveAsync(TestContext.Current.CancellationToken));
        var got = new CanFrame[4];
        Assert.Equal(1, receiver.TryReceive(got));
        Assert.Equal(0x321u, got[0].Id);
        Assert.NotEqual(0, got[0].TimestampNs);
    }
}
