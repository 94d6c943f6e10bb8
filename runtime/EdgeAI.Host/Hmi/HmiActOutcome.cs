namespace EdgeAI.Host.Hmi;

/// <summary>What became of an occupant's action on a suggestion.</summary>
public enum HmiActOutcome
{
    /// <summary>The engine took the action (accepted, dismissed, or the alternative).</summary>
    Done,

    /// <summary>No suggestion with that id is shown (never shown, or withdrawn, expired or acted on already).</summary>
    NotShown,

    /// <summary>The suggestion is shown but offers no such action.</summary>
    NoSuchAction,

    /// <summary>The drive has ended: nothing is shown any more.</summary>
    Ended,
}
