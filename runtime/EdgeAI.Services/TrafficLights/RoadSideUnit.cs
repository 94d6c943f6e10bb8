using EdgeAI.Services.Map;

namespace EdgeAI.Services.TrafficLights;

/// <summary>
/// A simulated road-side unit next to a controller: it knows the current phase and when it began (the controller's
/// truth) and the program's min/max durations, but not the future. Every period it broadcasts, per signal group, the
/// state shown (for the groups of its car movements, or all groups when it has no links), when it began, [minEndTime, maxEndTime] from the program's min/max durations and the elapsed time,
/// and likelyTime: the unit's own plan-based estimate (the phase's base duration, clamped to [min, max]) plus seeded
/// Gaussian error. Messages are occasionally delayed or dropped (seeded).
/// </summary>
public sealed class RoadSideUnit
{
    private readonly TrafficSignal _signal;
    private readonly SignalGroups _groups;
    private readonly RoadSideUnitOptions _options;
    private readonly int[] _broadcastGroups;

    /// <summary>A unit for <paramref name="signal"/>.</summary>
    public RoadSideUnit(TrafficSignal signal, RoadSideUnitOptions? options = null)
    {
        _signal = signal;
        _groups = new SignalGroups(signal);
        _options = options ?? RoadSideUnitOptions.Default;
        // the groups of the signal's car movements (those a MAP lists); every group when the signal has no links
        var groups = new SortedSet<int>();
        foreach (var link in signal.Links) groups.Add(_groups.GroupOfLink(link.LinkIndex));
        if (groups.Count == 0) for (var g = 1; g <= _groups.Count; g++) groups.Add(g);
        _broadcastGroups = [.. groups];
    }

    /// <summary>The unit's signal groups.</summary>
    public SignalGroups Groups => _groups;

    /// <summary>The messages broadcast from <paramref name="fromS"/> to <paramref name="toS"/> (generation times on
    /// whole multiples of the period), in generation order; reception times may reorder them slightly.</summary>
    public IEnumerable<SpatMessage> Broadcast(SignalTimeline truth, double fromS, double toS, Random rng)
    {
        var period = _options.PeriodS;
        for (var tau = Math.Ceiling(fromS / period) * period; tau <= toS; tau += period)
        {
            var k = truth.IndexAt(tau);
            // draws happen for every message so that the seed gives the same noise whatever is dropped
            var drop = rng.NextDouble() < _options.DropProbability;
            var late = rng.NextDouble() < _options.DelayProbability;
            var delay = late ? _options.LatencyS + rng.NextDouble() * (_options.MaxDelayS - _options.LatencyS) : _options.LatencyS;
            var states = new SignalGroupState[_broadcastGroups.Length];
            for (var i = 0; i < states.Length; i++) states[i] = GroupState(truth, k, tau, _broadcastGroups[i], rng);
            if (k < 0 || drop) continue;
            yield return new SpatMessage(tau + delay, tau, _signal.Id, states);
        }
    }

    private SignalGroupState GroupState(SignalTimeline truth, int k, double tau, int group, Random rng)
    {
        var noise = Gaussian(rng) * _options.LikelyJitterS;
        if (k < 0) return new SignalGroupState(group, MovementPhaseState.Unavailable, tau, tau, tau, tau, 0);
        var link = _groups.LinkOfGroup(group);
        var phases = _signal.Phases;
        var phase = truth.Switches[k].Phase % phases.Count;
        var state = StateOf(phase, link);

        var start = truth.Switches[k].Time;
        for (var j = k - 1; j >= 0 && StateOf(truth.Switches[j].Phase % phases.Count, link) == state; j--) start = truth.Switches[j].Time;

        var p = phases[phase];
        var phaseStart = truth.Switches[k].Time;
        var min = Math.Max(tau, phaseStart + p.MinDurationS);
        var max = Math.Max(tau, phaseStart + p.MaxDurationS);
        var likely = Math.Clamp(phaseStart + p.DurationS, min, max);
        for (var n = 1; n < phases.Count; n++)
        {
            var q = phases[(phase + n) % phases.Count];
            if (StateOf((phase + n) % phases.Count, link) != state) break;
            min += q.MinDurationS;
            max += q.MaxDurationS;
            likely += Math.Clamp(q.DurationS, q.MinDurationS, q.MaxDurationS);
        }
        likely = Math.Clamp(likely + noise, min, max);
        // a fixed remainder is certain; a wide actuated window is not
        var confidence = max - min < 0.5 ? 1.0 : Math.Clamp(1 - (max - min) / 60, 0.1, 0.9);
        return new SignalGroupState(group, state, start, min, max, likely, confidence);
    }

    private MovementPhaseState StateOf(int phase, int link)
    {
        var s = _signal.Phases[phase].State;
        return MovementPhaseStates.FromSumoLetter(link < s.Length ? s[link] : 'O');
    }

    private static double Gaussian(Random rng)
    {
        var u1 = 1 - rng.NextDouble();
        var u2 = rng.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
