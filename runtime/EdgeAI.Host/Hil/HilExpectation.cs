namespace EdgeAI.Host.Hil;

/// <summary>One expectation of a HIL scenario (docs/hil.md): judged on the run's events and counts.</summary>
public abstract class HilExpectation
{
    /// <summary>Its name in the report and the JUnit testcase (given, or made from what it checks).</summary>
    public required string Name { get; init; }

    /// <summary>Its line in scenario.json.</summary>
    public int Line { get; init; }

    /// <summary>Judges it.</summary>
    public abstract ExpectationResult Evaluate(HilObservation observation);

    /// <summary>Events of the same sort as <paramref name="match"/>, for a failure's evidence.</summary>
    protected static List<HilEvent> SameSort(HilObservation observation, EventMatch match) =>
        observation.Events.Where(match.IsSameSort).ToList();

    /// <summary>"at 3.5, 20 s" or "none".</summary>
    protected static string Times(IEnumerable<HilEvent> events)
    {
        var list = events.Select(e => ValueMatch.Seconds(e.AtS)).ToList();
        return list.Count == 0 ? "none" : "at " + string.Join(", ", list.Take(ExpectationResult.MaxObserved)) + (list.Count > ExpectationResult.MaxObserved ? $" (+{list.Count - ExpectationResult.MaxObserved} more)" : "") + " s";
    }
}
