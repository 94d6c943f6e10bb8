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
internal sealed record BenchResult(string Name, string Unit, double Value, double? BytesPerItem, double? MegabytesPerSecond,
    string? Peer, double? PeerValue, string? PeerProblem)
{
    /// <summary>EdgeAI over peer (higher is better for rates).</summary>
    public double? Ratio => PeerValue is > 0 ? Value / PeerValue : null;
}
