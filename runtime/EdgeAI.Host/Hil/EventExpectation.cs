namespace EdgeAI.Host.Hil;

/// <summary>
/// An event must come within <see cref="WithinS"/> virtual seconds of a time (<see cref="AfterS"/>) or of the first
/// event matching <see cref="After"/>.
/// </summary>
public sealed class EventExpectation : HilExpectation
{
    /// <summary>The event that must come.</summary>
    public required EventMatch Match { get; init; }

    /// <summary>The time the window opens (seconds from the drive's start), when not anchored on an event.</summary>
    public double AfterS { get; init; }

    /// <summary>The event whose first occurrence opens the window, or null.</summary>
    public EventMatch? After { get; init; }

    /// <summary>How long the window stays open (infinity: until the end).</summary>
    public double WithinS { get; init; } = double.PositiveInfinity;

    /// <inheritdoc/>
    public override ExpectationResult Evaluate(HilObservation observation)
    {
        double from = AfterS;
        string anchor = $"{ValueMatch.Seconds(AfterS)} s";
        if (After is not null)
        {
            var first = observation.Events.FirstOrDefault(After.Matches);
            if (first is null)
                return ExpectationResult.Of(Name, false, $"the anchor {After} never came; {Match} seen {Times(SameSort(observation, Match))}", SameSort(observation, After));
            from = first.AtS;
            anchor = first.ToString();
        }
        double to = from + WithinS;
        var hit = observation.Events.FirstOrDefault(e => e.AtS >= from && e.AtS <= to && Match.Matches(e));
        if (hit is not null)
            return ExpectationResult.Of(Name, true, $"{hit}, {ValueMatch.Seconds(hit.AtS - from)} s after {anchor}", [hit]);
        var near = SameSort(observation, Match);
        return ExpectationResult.Of(Name, false,
            $"no {Match} within {ValueMatch.Seconds(WithinS)} s of {anchor}; {Match.Type}{(Match.Kind is null ? "" : "/" + Match.Kind)} seen {Times(near)}", near);
    }
}
