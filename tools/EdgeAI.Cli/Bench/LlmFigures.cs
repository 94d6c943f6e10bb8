namespace EdgeAI.Cli.Bench;

/// <summary>What <see cref="LlmBench"/> measured: medians of EdgeAI's turn and the bare GenAI loop's, the second-turn
/// prefill against a full re-prefill, and memory against the KV budget.</summary>
internal sealed record LlmFigures(
    LlmBench.Sample Edge,
    LlmBench.Sample Bare,
    double SecondTurnPrefillMs,
    int SecondTurnPrefillTokens,
    double FullPrefillMs,
    int FullPrefillTokens,
    long KvBytes,
    long KvBudgetBytes,
    int MaxLength,
    long KvBytesPerToken,
    long PeakResidentBytes)
{
    /// <summary>EdgeAI's whole turn over the bare loop's, in percent (goal ≤ 2 %).</summary>
    public double OverheadPercent => (Edge.TotalMs / Bare.TotalMs - 1) * 100;
}
