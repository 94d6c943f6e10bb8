namespace EdgeAI.Services.TrafficLights;

/// <summary>
/// Predicts time-to-green and time-to-red from SPaT messages only (never from the controller's truth). Per signal group
/// and state it learns the durations of past periods from the messages' startTime fields, then predicts the end of
/// the current period as the median of the past durations longer than the time already elapsed, clamped to the
/// message's [minEndTime, maxEndTime]; later periods follow the successor seen most often, with their median durations.
/// With fewer than <see cref="MinHistory"/> past periods it falls back to the message's likelyTime at low confidence.
/// </summary>
public sealed class TimeToGreenPredictor
{
    /// <summary>Past periods needed before the learned distribution is used.</summary>
    public const int MinHistory = 3;

    /// <summary>A group's latest message older than this (seconds) gives no prediction.</summary>
    public const double MaxAgeS = 3.0;

    private const int MaxChain = 6;
    private readonly Dictionary<(string, int), GroupTrack> _groups = [];
    private readonly Dictionary<string, double> _lastStamp = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IntersectionCycle> _cycles = new(StringComparer.Ordinal);

    private sealed class GroupTrack
    {
        public required SignalGroupState Latest;
        public double Received;
        public readonly Dictionary<MovementPhaseState, List<double>> Durations = [];
        public readonly Dictionary<MovementPhaseState, Dictionary<MovementPhaseState, int>> Successors = [];
    }

    /// <summary>Takes in one received message. Messages generated before the latest one of their intersection (late
    /// arrivals) are ignored.</summary>
    public void Observe(SpatMessage message)
    {
        if (_lastStamp.TryGetValue(message.Intersection, out var last) && message.TimeStamp <= last) return;
        _lastStamp[message.Intersection] = message.TimeStamp;
        if (!_cycles.TryGetValue(message.Intersection, out var cycle)) _cycles[message.Intersection] = cycle = new IntersectionCycle();
        cycle.Observe(message);
        foreach (var s in message.States)
        {
            var key = (message.Intersection, s.SignalGroup);
            if (!_groups.TryGetValue(key, out var track))
            {
                _groups[key] = new GroupTrack { Latest = s, Received = message.T };
                continue;
            }
            var previous = track.Latest;
            if (previous.State != s.State && s.StartTime > previous.StartTime)
            {
                if (!track.Durations.TryGetValue(previous.State, out var list)) track.Durations[previous.State] = list = [];
                list.Add(s.StartTime - previous.StartTime);
                if (!track.Successors.TryGetValue(previous.State, out var next)) track.Successors[previous.State] = next = [];
                next[s.State] = next.GetValueOrDefault(s.State) + 1;
            }
            track.Latest = s;
            track.Received = message.T;
        }
    }

    /// <summary>The prediction for one group at time <paramref name="t"/> (scenario clock); null when no recent message.</summary>
    public SignalPrediction? Predict(string intersection, int signalGroup, double t)
    {
        if (!_groups.TryGetValue((intersection, signalGroup), out var track) || t - track.Received > MaxAgeS) return null;
        var s = track.Latest;
        var elapsed = t - s.StartTime;
        double end, confidence;
        var durations = track.Durations.GetValueOrDefault(s.State);
        var certain = s.MaxEndTime - s.MinEndTime < 0.5;
        var longer = durations is null ? [] : durations.Where(d => d > elapsed).ToList();
        if (longer.Count >= MinHistory)
        {
            end = Math.Clamp(s.StartTime + Median(longer), s.MinEndTime, s.MaxEndTime);
            var near = longer.Count(d => Math.Abs(s.StartTime + d - end) <= 1.5);
            confidence = certain ? 1 : (double)near / longer.Count;
        }
        else
        {
            end = Math.Clamp(s.LikelyTime, s.MinEndTime, s.MaxEndTime);
            confidence = certain ? 1 : Math.Min(0.3, s.Confidence);
        }
        end = Math.Max(end, t);

        double toGreen = s.State.IsGreen() ? 0 : double.NaN;
        double toRed = s.State == MovementPhaseState.StopAndRemain ? 0 : double.NaN;
        double greenEnd = s.State.IsGreen() ? end - t : double.NaN;
        var state = s.State;
        var at = end;
        var chainConfidence = confidence;
        for (var n = 0; n < MaxChain && (double.IsNaN(toGreen) || double.IsNaN(toRed) || double.IsNaN(greenEnd)); n++)
        {
            if (!track.Successors.TryGetValue(state, out var next) || next.Count == 0) break;
            var nextState = next.MaxBy(kv => kv.Value).Key;
            if (double.IsNaN(toGreen) && nextState.IsGreen()) { toGreen = at - t; confidence = chainConfidence; }
            if (double.IsNaN(toRed) && nextState == MovementPhaseState.StopAndRemain) toRed = at - t;
            if (!track.Durations.TryGetValue(nextState, out var d) || d.Count == 0) break;
            var length = Median(d);
            at += length;
            if (double.IsNaN(greenEnd) && nextState.IsGreen()) greenEnd = at - t;
            var spread = (double)d.Count(x => Math.Abs(x - length) <= 1.5) / d.Count;
            chainConfidence = Math.Min(chainConfidence, spread);
            state = nextState;
        }
        // Where the controller is in its cycle says more about a waiting group's green than how long it has waited.
        if (!s.State.IsGreen() && _cycles[intersection].TryPredictGreen(signalGroup, t, MinHistory, out var greenAt, out var cycleConfidence))
        {
            greenAt = Math.Max(greenAt, s.MinEndTime);
            if (s.State.IsRed() && track.Successors.TryGetValue(s.State, out var after) && after.Count > 0 && after.MaxBy(kv => kv.Value).Key.IsGreen())
                greenAt = Math.Min(greenAt, s.MaxEndTime);
            toGreen = Math.Max(greenAt, t) - t;
            confidence = certain ? 1 : cycleConfidence;
        }
        return new SignalPrediction(signalGroup, s.State, toGreen, toRed, greenEnd, confidence);
    }

    /// <summary>The latest state a group's messages reported, or null.</summary>
    public SignalGroupState? Latest(string intersection, int signalGroup) =>
        _groups.TryGetValue((intersection, signalGroup), out var track) ? track.Latest : null;

    private static double Median(List<double> values)
    {
        var sorted = values.ToArray();
        Array.Sort(sorted);
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
