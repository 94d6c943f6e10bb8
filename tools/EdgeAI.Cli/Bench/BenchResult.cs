namespace EdgeAI.Cli.Bench;

/// <summary>One measured figure, with the peer measured in the same run where there is one.</summary>
/// <param name="Name">What was measured, e.g. "read .asc".</param>
/// <param name="Unit">Unit of <paramref name="Value"/> and <paramref name="PeerValue"/>, e.g. "frames/s".</param>
/// <param name="Value">EdgeAI's figure.</param>
/// <param name="BytesPerItem">Bytes EdgeAI allocated per frame in steady state, when measured.</param>
/// <param name="MegabytesPerSecond">Input throughput, when it applies.</param>
/// <param name="Peer">The peer's name, e.g. "python-can 4.1.0".</param>
/// <param name="PeerValue">The peer's figure, or null with <paramref name="PeerProblem"/>.</param>
/// <param name="PeerProblem">Why the peer could not be measured.</param>
/// <param name="LowerIsBetter">True for latencies and errors, where the ratio is peer over EdgeAI.</param>
internal sealed record BenchResult(string Name, string Unit, double Value, double? BytesPerItem, double? MegabytesPerSecond,
    string? Peer, double? PeerValue, string? PeerProblem, bool LowerIsBetter = false)
{
    /// <summary>How many times better EdgeAI is: EdgeAI over peer for rates, peer over EdgeAI for latencies.</summary>
    public double? Ratio => PeerValue is > 0 && Value > 0 ? (LowerIsBetter ? PeerValue / Value : Value / PeerValue) : null;

    /// <summary>What the figure means in this run (a goal met or not, what an outlier was doing), or null.</summary>
    public string? Note { get; init; }

    /// <summary>Decimals of <see cref="Value"/> shown and written, or null for the unit's default.</summary>
    public int? Decimals { get; init; }
}
