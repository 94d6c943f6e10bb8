namespace EdgeAI.Host.Hil;

/// <summary>One expectation's verdict.</summary>
/// <param name="Name">The expectation's name.</param>
/// <param name="Outcome">Passed, failed or skipped.</param>
/// <param name="Evidence">What was observed, in one line.</param>
/// <param name="Observed">The events behind the verdict (JSON lines), for the JUnit failure text.</param>
public sealed record ExpectationResult(string Name, ExpectationOutcome Outcome, string Evidence, IReadOnlyList<string> Observed)
{
    /// <summary>A verdict with no events to show.</summary>
    public static ExpectationResult Of(string name, bool passed, string evidence, IEnumerable<HilEvent>? observed = null) =>
        new(name, passed ? ExpectationOutcome.Passed : ExpectationOutcome.Failed, evidence, observed?.Take(MaxObserved).Select(e => e.Json).ToList() ?? []);

    /// <summary>A skipped expectation.</summary>
    public static ExpectationResult Skip(string name, string reason) => new(name, ExpectationOutcome.Skipped, reason, []);

    /// <summary>How many observed events a verdict carries at most.</summary>
    public const int MaxObserved = 8;
}
