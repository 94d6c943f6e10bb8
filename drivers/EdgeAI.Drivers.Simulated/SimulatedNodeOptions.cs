namespace EdgeAI.Drivers.Simulated;

/// <summary>How one node attaches to the simulated bus.</summary>
public sealed record SimulatedNodeOptions
{
    /// <summary>Frames from other nodes this node keeps; empty keeps every frame (like a socket without <c>CAN_RAW_FILTER</c>).</summary>
    public IReadOnlyList<CanAcceptanceFilter> Filters { get; init; } = [];

    /// <summary>Echo this node's own frames back to it once they are on the wire, flagged Tx (<c>CAN_RAW_RECV_OWN_MSGS</c>).</summary>
    public bool ReceiveOwnFrames { get; init; }

    /// <summary>Deliver error frames (bus-off, restart, receive overflow, CRC errors) in the Linux encoding (<c>CAN_RAW_ERR_FILTER</c> all).</summary>
    public bool ReceiveErrorFrames { get; init; }

    /// <summary>Frames the node holds for the wire before <see cref="SimulatedCanNode.TrySend"/> says false (the qdisc/tx ring).</summary>
    public int TransmitQueueCapacity { get; init; } = 64;

    /// <summary>Frames received and not yet taken; beyond it new frames are lost and counted (the socket receive buffer).</summary>
    public int ReceiveQueueCapacity { get; init; } = 4096;

    /// <summary>Default options.</summary>
    public static SimulatedNodeOptions Default { get; } = new();
}
