namespace EdgeAI.Host.Hil;

/// <summary>One scenario's run: its verdicts and what happened around them.</summary>
/// <param name="Scenario">The scenario.</param>
/// <param name="Results">One verdict per expectation, in file order.</param>
/// <param name="Notes">Lines about the run (faults and what they removed, who worded the text, the source).</param>
/// <param name="DriveSeconds">Seconds of drive covered (virtual).</param>
/// <param name="WallSeconds">Seconds it took (wall).</param>
public sealed record HilScenarioResult(HilScenario Scenario, IReadOnlyList<ExpectationResult> Results, IReadOnlyList<string> Notes, double DriveSeconds, double WallSeconds)
{
    /// <summary>The events the verdicts were judged on.</summary>
    public IReadOnlyList<HilEvent> Events { get; init; } = [];

    /// <summary>Expectations that failed.</summary>
    public int Failed => Results.Count(r => r.Outcome == ExpectationOutcome.Failed);

    /// <summary>Expectations skipped.</summary>
    public int Skipped => Results.Count(r => r.Outcome == ExpectationOutcome.Skipped);

    /// <summary>Judges every expectation of <paramref name="scenario"/> on <paramref name="observation"/>.</summary>
    public static HilScenarioResult Judge(HilScenario scenario, HilObservation observation, IReadOnlyList<string> notes, double wallSeconds)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(observation);
        var results = scenario.Expectations.Select(e => e.Evaluate(observation)).ToList();
        double drive = observation.Events.Select(e => e.AtS).Where(double.IsFinite).DefaultIfEmpty(0).Max();
        return new HilScenarioResult(scenario, results, notes, drive, wallSeconds) { Events = observation.Events };
    }
}
