namespace EdgeAI.Llm.Chat;

/// <summary>What one user turn has counted so far; becomes <see cref="TurnMetrics"/> at its end.</summary>
/// <param name="time">The clock whose <see cref="TimeProvider.GetTimestamp"/> values are added to
/// <see cref="PrefillTicks"/> and <see cref="DecodeTicks"/>; its own frequency turns them into milliseconds, so the
/// figures are right on a virtual clock too (whose timestamps are not <see cref="System.Diagnostics.Stopwatch"/> ticks).</param>
internal sealed class TurnCounters(TimeProvider time)
{
    public int PromptTokens;
    public int NewTokens;
    public double FirstTokenMs;
    /// <summary>Time spent prefilling, in <c>time</c>'s timestamp units.</summary>
    public long PrefillTicks;
    /// <summary>Time spent decoding, in <c>time</c>'s timestamp units.</summary>
    public long DecodeTicks;
    public int ReprefilledTokens;
    public int DroppedTurns;
    public int ToolCalls;
    public bool Interrupted;
    public bool HitTokenLimit;

    /// <summary>Counts a generated token; the first one of the turn sets the time to first token.</summary>
    public void CountNewToken(TimeProvider clock, long started)
    {
        if (++NewTokens == 1)
        {
            FirstTokenMs = clock.GetElapsedTime(started).TotalMilliseconds;
        }
    }

    public TurnMetrics ToMetrics(int contextTokens) => new(
        PromptTokens,
        NewTokens,
        FirstTokenMs,
        Milliseconds(PrefillTicks),
        Milliseconds(DecodeTicks),
        contextTokens,
        ReprefilledTokens,
        DroppedTurns,
        ToolCalls,
        Interrupted,
        HitTokenLimit);

    /// <summary>A sum of timestamp differences as milliseconds of <c>time</c>.</summary>
    private double Milliseconds(long timestamps) => time.GetElapsedTime(0, timestamps).TotalMilliseconds;
}
