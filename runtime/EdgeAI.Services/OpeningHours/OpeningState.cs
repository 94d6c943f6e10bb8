namespace EdgeAI.Services.OpeningHours;

/// <summary>Whether a place is open at a moment, as far as its opening_hours rule says.</summary>
/// <remarks>
/// <see cref="Unknown"/> is the default value on purpose: a state nobody set must never read as open.
/// </remarks>
public enum OpeningState
{
    /// <summary>The rule cannot say: it was not parsed, it says <c>unknown</c> or an open end, or needs a holiday calendar it was not given.</summary>
    Unknown = 0,

    /// <summary>The rule says closed (including every moment no rule names).</summary>
    Closed = 1,

    /// <summary>The rule says open.</summary>
    Open = 2,
}
