namespace EdgeAI.Llm.Chat;

/// <summary>
/// Figures of one user turn (all its model rounds, tool rounds included).
/// <see cref="PromptTokens"/> counts tokens prefilled for this turn only: with the KV cache kept across turns it is the
/// new turn's tokens, not the whole conversation. <see cref="ReprefilledTokens"/> counts tokens prefilled again because
/// the memory budget dropped old turns (<see cref="DroppedTurns"/>).
/// </summary>
public readonly record struct TurnMetrics(
    int PromptTokens,
    int NewTokens,
    double TimeToFirstTokenMs,
    double PrefillMs,
    double DecodeMs,
    int ContextTokens,
    int ReprefilledTokens = 0,
    int DroppedTurns = 0,
    int ToolCalls = 0,
    bool Interrupted = false,
    bool HitTokenLimit = false)
{
    /// <summary>Decode speed: new tokens over the time spent in GenAI's GenerateNextToken (prefill is timed apart).</summary>
    public double TokensPerSecond => NewTokens > 0 && DecodeMs > 0 ? NewTokens * 1000.0 / DecodeMs : 0;

    /// <summary>Prefill speed over this turn's prompt tokens.</summary>
    public double PrefillTokensPerSecond => PromptTokens > 0 && PrefillMs > 0 ? PromptTokens * 1000.0 / PrefillMs : 0;
}
