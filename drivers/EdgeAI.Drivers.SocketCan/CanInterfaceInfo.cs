using EdgeAI.Can;

namespace EdgeAI.Drivers.SocketCan;

/// <summary>What the OS says about one CAN network interface.</summary>
/// <param name="Name">interface name (<c>can0</c>).</param>
/// <param name="OperState">link state from /sys/class/net/NAME/operstate (<c>up</c>, <c>down</c>, <c>unknown</c>).</param>
/// <param name="State">controller state as iproute2 reports it, <see cref="CanBusState.Unknown"/> when it does not.</param>
/// <param name="BitRate">nominal bit rate in bit/s, 0 when unknown (virtual interfaces have none).</param>
/// <param name="DataBitRate">CAN FD data bit rate in bit/s, 0 when unknown or not FD.</param>
/// <param name="Kind">link kind (<c>can</c>, <c>vcan</c>, <c>vxcan</c>), empty when unknown.</param>
public sealed record CanInterfaceInfo(string Name, string OperState, CanBusState State, long BitRate, long DataBitRate, string Kind);
