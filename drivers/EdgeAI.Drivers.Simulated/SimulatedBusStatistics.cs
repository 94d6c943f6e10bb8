namespace EdgeAI.Drivers.Simulated;

/// <summary>What happened on the simulated wire so far.</summary>
/// <param name="FramesTransmitted">Frames that completed on the wire (each counted once, however many nodes took them).</param>
/// <param name="FramesDropped">Frames lost to an injected drop.</param>
/// <param name="FramesCorrupted">Transmissions destroyed by an injected corruption (each was retransmitted).</param>
/// <param name="BusOffEvents">Times a node went bus-off.</param>
/// <param name="BusyTime">Time the wire carried frames (zero on an instantaneous bus).</param>
/// <param name="Elapsed">Time since the bus was created.</param>
public readonly record struct SimulatedBusStatistics(long FramesTransmitted, long FramesDropped, long FramesCorrupted, long BusOffEvents,
    TimeSpan BusyTime, TimeSpan Elapsed)
{
    /// <summary>Busy time over elapsed time (0..1).</summary>
    public double Load => Elapsed > TimeSpan.Zero ? BusyTime / Elapsed : 0;
}
