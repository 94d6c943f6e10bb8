namespace EdgeAI.Host.Hil;

/// <summary>How an expectation came out.</summary>
public enum ExpectationOutcome
{
    /// <summary>It held.</summary>
    Passed,
    /// <summary>It did not hold.</summary>
    Failed,
    /// <summary>It cannot be judged in this mode (e.g. frame counts of a device under test); the reason says why.</summary>
    Skipped,
}
