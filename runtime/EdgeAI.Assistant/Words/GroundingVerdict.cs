namespace EdgeAI.Assistant.Words;

/// <summary>What <see cref="GroundingCheck"/> found: whether a text may be shown, and why not ("number 42 km is not a fact").</summary>
/// <param name="Passed">True when the text rests on the facts alone.</param>
/// <param name="Reason">Why it failed, in plain words; "grounded" when it passed.</param>
public readonly record struct GroundingVerdict(bool Passed, string Reason)
{
    /// <summary>A text that passed.</summary>
    public static GroundingVerdict Grounded { get; } = new(true, "grounded");

    /// <summary>A text that failed for <paramref name="reason"/>.</summary>
    public static GroundingVerdict Fail(string reason) => new(false, reason);
}
