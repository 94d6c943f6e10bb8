namespace EdgeAI.Host.Hil;

/// <summary>
/// A latency bound. <see cref="LatencyClock.Virtual"/>: from a time (<see cref="FromS"/>) or the first event matching
/// <see cref="From"/> to the first event matching <see cref="To"/> after it, in drive seconds.
/// <see cref="LatencyClock.Wall"/>: from every event matching <see cref="From"/> to the next matching <see cref="To"/>
/// (the one whose <c>ref</c> is its <c>id</c>, when it has an id), in wall milliseconds; the worst pair counts.
/// </summary>
public sealed class LatencyExpectation : HilExpectation
{
    /// <summary>The clock the bound is on.</summary>
    public required LatencyClock Clock { get; init; }

    /// <summary>The starting event, or null to start at <see cref="FromS"/>.</summary>
    public EventMatch? From { get; init; }

    /// <summary>The starting time (virtual clock only).</summary>
    public double FromS { get; init; }

    /// <summary>The ending event.</summary>
    public required EventMatch To { get; init; }

    /// <summary>The bound: seconds (virtual) or milliseconds (wall).</summary>
    public required double Max { get; init; }

    /// <inheritdoc/>
    public override ExpectationResult Evaluate(HilObservation observation) =>
        Clock == LatencyClock.Virtual ? EvaluateVirtual(observation) : EvaluateWall(observation);

    private ExpectationResult EvaluateVirtual(HilObservation observation)
    {
        double start = FromS;
        string startText = $"{ValueMatch.Seconds(FromS)} s";
        if (From is not null)
        {
            var first = observation.Events.FirstOrDefault(From.Matches);
            if (first is null) return ExpectationResult.Of(Name, false, $"the start {From} never came", SameSort(observation, From));
            start = first.AtS;
            startText = first.ToString();
        }
        var end = observation.Events.FirstOrDefault(e => e.AtS >= start && To.Matches(e));
        if (end is null) return ExpectationResult.Of(Name, false, $"no {To} after {startText}; seen {Times(SameSort(observation, To))}", SameSort(observation, To));
        double latency = end.AtS - start;
        return ExpectationResult.Of(Name, latency <= Max,
            $"{ValueMatch.Seconds(latency)} s virtual from {startText} to {end} (bound {ValueMatch.Seconds(Max)} s)", [end]);
    }

    private ExpectationResult EvaluateWall(HilObservation observation)
    {
        if (!observation.HasWallTimes) return ExpectationResult.Skip(Name, "wall-time bound: the events came from a file, so their arrival times say nothing");
        var pairs = new List<(HilEvent From, HilEvent To, double Ms)>();
        var events = observation.Events;
        for (int i = 0; i < events.Count; i++)
        {
            if (!From!.Matches(events[i])) continue;
            var start = events[i];
            for (int j = i + 1; j < events.Count; j++)
                if (To.Matches(events[j]) && (start.Id is null || events[j].Ref == start.Id)) { pairs.Add((start, events[j], events[j].WallMs - start.WallMs)); break; }
        }
        if (pairs.Count == 0) return ExpectationResult.Of(Name, false, $"no {From} followed by {To}", SameSort(observation, From!));
        var worst = pairs.MaxBy(p => p.Ms);
        return ExpectationResult.Of(Name, worst.Ms <= Max,
            $"{pairs.Count} pairs, worst {worst.Ms:0.#} ms wall from {worst.From} to {worst.To} (bound {ValueMatch.Seconds(Max)} ms)", [worst.From, worst.To]);
    }
}
