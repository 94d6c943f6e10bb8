namespace EdgeAI.Drivers.Simulated;

/// <summary>How the simulated wire behaves.</summary>
public sealed record SimulatedCanBusOptions
{
    /// <summary>Name of the bus (nodes are named <c>name:node</c>); <c>sim</c> by default.</summary>
    public string Name { get; init; } = "sim";

    /// <summary>Nominal (arbitration) bit rate in bit/s. Null: the wire is instantaneous — a frame reaches every node
    /// inside <see cref="SimulatedCanNode.TrySend"/>. Set: frames take their bit time on the wire, one at a time,
    /// lowest id first among those waiting, so bus load and latency follow the rate.</summary>
    public double? BitRate { get; init; }

    /// <summary>CAN FD data-phase bit rate (frames with BRS); the nominal rate when null.</summary>
    public double? DataBitRate { get; init; }

    /// <summary>Default options: an instantaneous bus named <c>sim</c>.</summary>
    public static SimulatedCanBusOptions Default { get; } = new();
}
