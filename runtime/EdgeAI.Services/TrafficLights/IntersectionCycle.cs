namespace EdgeAI.Services.TrafficLights;

/// <summary>
/// What <see cref="TimeToGreenPredictor"/> learns about one intersection as a whole, from its SPaT messages only. The
/// joint state (the states of all broadcast groups together) stands for the controller's phase: it began at the latest
/// of the groups' start times. Per joint state and signal group it keeps samples of how long the joint state lasted and
/// how long after its start the group turned green, so a red group's green can be predicted from where the controller
/// is in its cycle rather than only from how long the group has been red.
/// </summary>
internal sealed class IntersectionCycle
{
    private const int MaxSamples = 256;
    private const int MaxPeriods = 64;
    private const double Slack = 0.05;

    private readonly record struct Period(string Signature, double Start, double End);

    private readonly List<Period> _periods = [];
    private readonly Dictionary<(string, int), List<(double Duration, double ToGreen)>> _samples = [];
    private readonly Dictionary<int, double> _notGreenSince = [];
    private readonly Dictionary<int, bool> _green = [];

    /// <summary>The current joint state, or null before the first message.</summary>
    public string? Signature { get; private set; }

    /// <summary>When the current joint state began.</summary>
    public double Start { get; private set; }

    /// <summary>Takes in one message of the intersection (in generation order; the caller drops late ones).</summary>
    public void Observe(SpatMessage message)
    {
        var signature = SignatureOf(message.States, out var start);
        if (Signature is not null && signature != Signature && start > Start)
        {
            _periods.Add(new Period(Signature, Start, start));
            if (_periods.Count > MaxPeriods) _periods.RemoveAt(0);
        }
        if (signature != Signature)
        {
            Signature = signature;
            Start = start;
        }
        foreach (var s in message.States)
        {
            var green = s.State.IsGreen();
            var known = _green.TryGetValue(s.SignalGroup, out var wasGreen);
            _green[s.SignalGroup] = green;
            if (!known) continue;
            if (wasGreen && !green) _notGreenSince[s.SignalGroup] = s.StartTime;
            else if (!wasGreen && green && _notGreenSince.TryGetValue(s.SignalGroup, out var since)) Learn(s.SignalGroup, since, s.StartTime);
        }
    }

    /// <summary>The learned time <paramref name="signalGroup"/> turns green, from the joint states that lasted longer
    /// than the current one has so far: the median over them, and the share within ±1.5 s of it. False with fewer than
    /// <paramref name="minSamples"/> such samples.</summary>
    public bool TryPredictGreen(int signalGroup, double t, int minSamples, out double greenAt, out double confidence)
    {
        greenAt = double.NaN;
        confidence = 0;
        if (Signature is null || !_samples.TryGetValue((Signature, signalGroup), out var samples)) return false;
        var elapsed = t - Start;
        var toGreen = new List<double>(samples.Count);
        foreach (var (duration, g) in samples)
            if (duration > elapsed) toGreen.Add(g);
        if (toGreen.Count < minSamples) return false;
        toGreen.Sort();
        var mid = toGreen.Count / 2;
        var median = toGreen.Count % 2 == 1 ? toGreen[mid] : (toGreen[mid - 1] + toGreen[mid]) / 2;
        var near = 0;
        foreach (var g in toGreen)
            if (Math.Abs(g - median) <= 1.5) near++;
        greenAt = Start + median;
        confidence = (double)near / toGreen.Count;
        return true;
    }

    // The group was not green from `since` to `greenAt`: every joint state wholly inside gives a sample.
    private void Learn(int group, double since, double greenAt)
    {
        foreach (var p in _periods)
        {
            if (p.Start < since - Slack || p.End > greenAt + Slack) continue;
            if (!_samples.TryGetValue((p.Signature, group), out var list)) _samples[(p.Signature, group)] = list = [];
            list.Add((p.End - p.Start, greenAt - p.Start));
            if (list.Count > MaxSamples) list.RemoveAt(0);
        }
    }

    private static string SignatureOf(IReadOnlyList<SignalGroupState> states, out double start)
    {
        start = double.NegativeInfinity;
        var chars = new char[states.Count * 2];
        for (var i = 0; i < states.Count; i++)
        {
            chars[2 * i] = (char)states[i].SignalGroup;
            chars[2 * i + 1] = (char)('A' + (int)states[i].State);
            start = Math.Max(start, states[i].StartTime);
        }
        return new string(chars);
    }
}
