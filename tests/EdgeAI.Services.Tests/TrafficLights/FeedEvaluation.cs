using EdgeAI.Services.Map;
using EdgeAI.Services.TrafficLights;

namespace EdgeAI.Services.Tests.TrafficLights;

/// <summary>
/// Replays a SPaT feed into a <see cref="TimeToGreenPredictor"/> second by second and scores its time-to-green at
/// red moments against the controller's truth (which only this scorer sees), next to the naive echo of likelyTime.
/// </summary>
internal sealed class FeedEvaluation(IReadOnlyList<TrafficSignal> signals, IReadOnlyDictionary<string, SignalTimeline> truth, IReadOnlyList<SpatMessage> messages)
{
    private readonly Dictionary<string, TrafficSignal> _signals = signals.ToDictionary(s => s.Id);

    /// <summary>One scored moment: the truth, the prediction and the naive echo, seconds to green.</summary>
    public readonly record struct Moment(double T, string Intersection, int Group, double Truth, double Predicted, double Naive, double Confidence);

    /// <summary>Scores every moment <paramref name="wanted"/> picks (t, intersection, group) among the red moments.</summary>
    public List<Moment> Run(double fromS, double toS, double stepS, Func<double, string, int, bool> wanted)
    {
        var predictor = new TimeToGreenPredictor();
        var moments = new List<Moment>();
        var next = 0;
        for (var t = fromS; t <= toS; t += stepS)
        {
            while (next < messages.Count && messages[next].T <= t) predictor.Observe(messages[next++]);
            foreach (var signal in signals)
            {
                var groups = new SignalGroups(signal);
                for (var g = 1; g <= groups.Count; g++)
                {
                    if (!wanted(t, signal.Id, g)) continue;
                    var real = TruthToGreen(signal.Id, groups.LinkOfGroup(g), t);
                    if (double.IsNaN(real)) continue;
                    var latest = predictor.Latest(signal.Id, g);
                    var p = predictor.Predict(signal.Id, g, t);
                    if (p is null || latest is null || p.State != MovementPhaseState.StopAndRemain || double.IsNaN(p.TimeToGreenS)) continue;
                    moments.Add(new Moment(t, signal.Id, g, real, p.TimeToGreenS, Math.Max(0, latest.LikelyTime - t), p.Confidence));
                }
            }
        }
        return moments;
    }

    /// <summary>Seconds from <paramref name="t"/> until the link shows green; NaN unless it shows stop-And-Remain at t.</summary>
    public double TruthToGreen(string id, int link, double t)
    {
        var timeline = truth[id];
        var phases = _signals[id].Phases;
        var k = timeline.IndexAt(t);
        if (k < 0 || MovementPhaseStates.FromSumoLetter(phases[timeline.Switches[k].Phase].State[link]) != MovementPhaseState.StopAndRemain) return double.NaN;
        for (var j = k + 1; j < timeline.Switches.Count; j++)
            if (MovementPhaseStates.FromSumoLetter(phases[timeline.Switches[j].Phase].State[link]).IsGreen()) return timeline.Switches[j].Time - t;
        return double.NaN;
    }

    public static double Mae(IEnumerable<Moment> moments, Func<Moment, double> value) =>
        moments.Select(m => Math.Abs(value(m) - m.Truth)).DefaultIfEmpty(double.NaN).Average();
}
