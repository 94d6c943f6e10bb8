namespace EdgeAI.Llm.Chat;

/// <summary>What one user turn has counted so far; becomes <see cref="TurnMetrics"/> at its end.</summary>
internal sealed class TurnCounters
{
    public int PromptTokens;
    public int NewTokens;
    public double FirstTokenMs;
    // Durations from the session's TimeProvider (GetElapsedTime): right on a virtual clock too, whose timestamps
    // do not tick at Stopwatch.Frequency.
    public TimeSpan Prefill;
    public TimeSpan Decode;
    public int ReprefilledTokens;
    public int DroppedTurns;
    public int ToolCalls;
    public bool Interrupted;
    public bool HitTokenLimit;

    /// <summary>Counts a generated token; the first one of the turn sets the time to first token.</summary>
    public void CountNewToken(TimeProvider time, long started)
    {
        if (++NewTokens == 1)
        {
            FirstTokenMs = time.GetElapsedTime(started).TotalMilliseconds;
        }
    }

    public TurnMetrics ToMetrics(int contextTokens) => new(
        PromptTokens,
        NewTokens,
        FirstTokenMs,
        Prefill.TotalMilliseconds,
        Decode.TotalMilliseconds,
        contextTokens,
        ReprefilledTokens,
        DroppedTurns,
        ToolCalls,
        Interrupted,
        HitTokenLimit);
}
