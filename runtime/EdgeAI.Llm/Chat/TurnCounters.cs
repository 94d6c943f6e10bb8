using System.Diagnostics;

namespace EdgeAI.Llm.Chat;

/// <summary>What one user turn has counted so far; becomes <see cref="TurnMetrics"/> at its end.</summary>
internal sealed class TurnCounters
{
    public int PromptTokens;
    public int NewTokens;
    public double FirstTokenMs;
    public long PrefillTicks;
    public long DecodeTicks;
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
        PrefillTicks * 1000.0 / Stopwatch.Frequency,
        DecodeTicks * 1000.0 / Stopwatch.Frequency,
        contextTokens,
        ReprefilledTokens,
        DroppedTurns,
        ToolCalls,
        Interrupted,
        HitTokenLimit);
}
