namespace EdgeAI.Host.Hil;

/// <summary>No event matching <see cref="Match"/> may come between <see cref="FromS"/> and <see cref="ToS"/>
/// (virtual seconds).</summary>
public sealed class NoEventExpectation : HilExpectation
{
    /// <summary>The event that must not come.</summary>
    public required EventMatch Match { get; init; }

    /// <summary>Where the window opens.</summary>
    public double FromS { get; init; }

    /// <summary>Where it closes (infinity: the end of the drive).</summary>
    public double ToS { get; init; } = double.PositiveInfinity;

    /// <inheritdoc/>
    public override ExpectationResult Evaluate(HilObservation observation)
    {
        var hits = observation.Events.Where(e => e.AtS >= FromS && e.AtS <= ToS && Match.Matches(e)).ToList();
        string window = $"{ValueMatch.Seconds(FromS)}-{(double.IsPositiveInfinity(ToS) ? "end" : ValueMatch.Seconds(ToS))} s";
        return hits.Count == 0
            ? ExpectationResult.Of(Name, true, $"no {Match} in {window}; outside it {Times(SameSort(observation, Match))}")
            : ExpectationResult.Of(Name, false, $"{hits.Count} {Match} in {window}: {string.Join(", ", hits.Take(3))}", hits);
    }
}
