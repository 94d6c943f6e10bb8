using System.Globalization;
using System.Xml.Linq;
using EdgeAI.Services.Geo;
using EdgeAI.Services.Map;
using EdgeAI.Services.TrafficLights;
using EdgeAI.TestKit;

namespace EdgeAI.Services.Tests.TrafficLights;

public sealed class TimeToGreenPredictorTests(ITestOutputHelper output)
{
    private static string Sumo(string name) => RepoPaths.Get("models", "scenarios", "adlershof-drive", "sumo", name);

    /// <summary>The RiLSA real-world fixed-time plans as signals (no links needed to broadcast).</summary>
    private static List<TrafficSignal> RilsaPlans()
    {
        var plans = new List<TrafficSignal>();
        for (var i = 1; i <= 4; i++)
        {
            var doc = XDocument.Load(DemoRegion.File($"rilsa{i}_tls.add.xml"));
            foreach (var logic in doc.Descendants("tlLogic"))
            {
                var phases = logic.Elements("phase").Select(p =>
                {
                    var d = double.Parse(p.Attribute("duration")!.Value, CultureInfo.InvariantCulture);
                    return new SignalPhase(d, p.Attribute("state")!.Value, d, d);
                }).ToList();
                plans.Add(new TrafficSignal($"rilsa{i}-{logic.Attribute("id")!.Value}", new GeoPoint(52.43, 13.53), 0, phases, []));
            }
        }
        return plans;
    }

    private (List<FeedEvaluation.Moment> Moments, double Mae, double Naive) Simulated(IReadOnlyList<TrafficSignal> signals, ActuatedSignalSimulator sim, double lastS = double.PositiveInfinity)
    {
        var truth = signals.Select((s, i) => sim.Run(s, 0, 3600, 100 + i)).ToDictionary(t => t.SignalId);
        var messages = SpatFeedBuilder.Broadcast(signals, truth, 0, 3600, seed: 7);
        // the first 20 minutes are history to learn from; scored over the next 40
        var moments = new FeedEvaluation(signals, truth, messages).Run(1200.5, 3500, 1, (_, _, _) => true).Where(m => m.Truth <= lastS).ToList();
        return (moments, FeedEvaluation.Mae(moments, m => m.Predicted), FeedEvaluation.Mae(moments, m => m.Naive));
    }

    [Fact]
    public void FixedTimePlansWithJitter_TimeToGreenAtRed_MaeUnderOneSecondAndNoWorseThanLikelyTime()
    {
        var (moments, mae, naive) = Simulated(RilsaPlans(), new ActuatedSignalSimulator(FixedJitterS: 0.5));
        output.WriteLine($"RiLSA fixed time, ±0.5 s switch jitter, likelyTime sd 2 s: {moments.Count} red moments, MAE {mae:F2} s, likelyTime echo {naive:F2} s");
        Assert.True(moments.Count > 1000);
        Assert.True(mae <= 1.0, $"MAE {mae:F2} s");
        // with min = max the unit's window pins likelyTime to the plan, so the echo is as good as it gets here
        Assert.True(mae <= naive + 0.05, $"MAE {mae:F2} s, naive {naive:F2} s");
    }

    [Fact]
    public void ActuatedDemoPrograms_TimeToGreenAtRed_BeatsLikelyTimeAndUnderOneSecondInTheLastTenSeconds()
    {
        var signals = DemoRegion.Signals;
        var (all, mae, naive) = Simulated(signals, new ActuatedSignalSimulator());
        var (last, maeLast, naiveLast) = Simulated(signals, new ActuatedSignalSimulator(), lastS: 10);
        output.WriteLine($"demo actuated programs (simulated gap-out): {all.Count} red moments, MAE {mae:F2} s, likelyTime echo {naive:F2} s; last 10 s: {last.Count} moments, MAE {maeLast:F2} s, echo {naiveLast:F2} s");
        Assert.True(mae < naive / 2, $"MAE {mae:F2} s, naive {naive:F2} s");
        Assert.True(maeLast <= 1.0, $"last-10-s MAE {maeLast:F2} s");
    }

    [Fact]
    public void ActuatedDemoPrograms_OracleKnowingTheControllersPhaseAndLaw_StillMissesOneSecond()
    {
        // Why 1 s is out of reach on the simulated gap-out feed: an oracle that knows the controller's current phase, how
        // long it has run and the simulator's law (not the future) predicts the conditional median of the wait, the best
        // any predictor can do for absolute error. Its MAE is the floor the learned predictor is measured against.
        var signals = DemoRegion.Signals;
        var sim = new ActuatedSignalSimulator();
        var truth = signals.Select((s, i) => sim.Run(s, 0, 3600, 100 + i)).ToDictionary(t => t.SignalId);
        var messages = SpatFeedBuilder.Broadcast(signals, truth, 0, 3600, seed: 7);
        var moments = new FeedEvaluation(signals, truth, messages).Run(1200.5, 3500, 1, (_, _, _) => true);
        var byId = signals.ToDictionary(s => s.Id);
        var rng = new Random(11);
        var sample = moments.Where((_, i) => i % 5 == 0).ToList();
        var oracle = sample.Select(m => Math.Abs(OracleWait(byId[m.Intersection], truth[m.Intersection], new SignalGroups(byId[m.Intersection]).LinkOfGroup(m.Group), m.T, sim, rng) - m.Truth)).Average();
        var learned = FeedEvaluation.Mae(sample, m => m.Predicted);
        var lastOracle = sample.Where(m => m.Truth <= 10).Select(m => Math.Abs(OracleWait(byId[m.Intersection], truth[m.Intersection], new SignalGroups(byId[m.Intersection]).LinkOfGroup(m.Group), m.T, sim, rng) - m.Truth)).Average();
        output.WriteLine($"demo actuated programs (simulated gap-out), every 5th red moment ({sample.Count}): oracle MAE {oracle:F2} s, learned predictor {learned:F2} s; last 10 s oracle {lastOracle:F2} s");
        Assert.True(oracle > 1.0, $"oracle MAE {oracle:F2} s");
        Assert.True(learned < oracle + 0.5, $"learned {learned:F2} s, oracle {oracle:F2} s");
    }

    /// <summary>The median wait for green of <paramref name="link"/> at <paramref name="t"/>, knowing the current phase and
    /// when it began and the simulator's law, from 201 seeded draws of the rest of the cycle.</summary>
    private static double OracleWait(TrafficSignal signal, SignalTimeline timeline, int link, double t, ActuatedSignalSimulator sim, Random rng)
    {
        var k = timeline.IndexAt(t);
        var phase = timeline.Switches[k].Phase;
        var elapsed = t - timeline.Switches[k].Time;
        var phases = signal.Phases;
        var draws = new double[201];
        for (var n = 0; n < draws.Length; n++)
        {
            var p = phases[phase];
            double d;
            if (p.MaxDurationS > p.MinDurationS)
            {
                // the extensions already granted (the phase still runs at t), then the same coin per second
                d = p.MinDurationS + (elapsed < p.MinDurationS ? 0 : Math.Floor(elapsed - p.MinDurationS) + 1);
                while (d + 1 <= p.MaxDurationS && rng.NextDouble() < sim.ExtendProbability) d += 1;
            }
            else
            {
                var tries = 0;
                do d = Math.Max(1, p.DurationS + (2 * rng.NextDouble() - 1) * sim.FixedJitterS);
                while (d <= elapsed && ++tries < 100);
                d = Math.Max(d, elapsed);
            }
            var wait = d - elapsed;
            for (var j = 1; j < phases.Count; j++)
            {
                var q = phases[(phase + j) % phases.Count];
                if (MovementPhaseStates.FromSumoLetter(q.State[link]).IsGreen()) break;
                if (q.MaxDurationS > q.MinDurationS)
                {
                    var e = q.MinDurationS;
                    while (e + 1 <= q.MaxDurationS && rng.NextDouble() < sim.ExtendProbability) e += 1;
                    wait += e;
                }
                else wait += Math.Max(1, q.DurationS + (2 * rng.NextDouble() - 1) * sim.FixedJitterS);
            }
            draws[n] = wait;
        }
        Array.Sort(draws);
        return draws[draws.Length / 2];
    }

    [Fact]
    public void BundledDriveSumoTruth_WhileTheEgoWaitsAtRed_MaeUnderOneSecond()
    {
        var graph = DemoRegion.Graph;
        var signals = DemoRegion.Signals;
        const double offset = -100; // scenario = SUMO - 120 + 20
        var truth = SumoTlsStatesReader.Read(Sumo("tls-states.xml.gz"), offset);
        var messages = SpatFile.Read(SpatFeed.SpatPath(RepoPaths.Get("models", "scenarios", "adlershof-drive")));
        var waits = EgoWaits(graph, signals, offset);
        var stopped = waits.Select(w => (w.T, w.Signal, w.Group)).ToHashSet();
        var moments = new FeedEvaluation(signals, truth, messages).Run(waits.Min(w => w.T), waits.Max(w => w.T), 1, (t, id, g) => stopped.Contains((t, id, g)));
        var mae = FeedEvaluation.Mae(moments, m => m.Predicted);
        var naive = FeedEvaluation.Mae(moments, m => m.Naive);
        output.WriteLine($"bundled drive (SUMO actuated truth): {moments.Count} seconds stopped at red, MAE {mae:F2} s, likelyTime echo {naive:F2} s");
        Assert.True(moments.Count >= 10, $"{moments.Count} moments");
        Assert.True(mae < naive, $"MAE {mae:F2} s, naive {naive:F2} s");
        Assert.True(mae <= 1.0, $"MAE {mae:F2} s");
    }

    [Fact]
    public void BundledFeedSumoTruth_EveryRedSecondOfEveryCarGroup_MaeUnderOneSecondAndFarBelowLikelyTime()
    {
        var signals = DemoRegion.Signals;
        var truth = SumoTlsStatesReader.Read(Sumo("tls-states.xml.gz"), EgoTrace.SumoToScenarioOffsetS);
        var messages = SpatFile.Read(SpatFeed.SpatPath(RepoPaths.Get("models", "scenarios", "adlershof-drive")));
        // the feed starts at -100 s (SUMO's 0); the first 100 s are history, scored over the drive
        var all = new FeedEvaluation(signals, truth, messages).Run(0, 600, 1, (_, _, _) => true);
        var last = all.Where(m => m.Truth <= 10).ToList();
        var sure = all.Where(m => m.Confidence >= TrafficLightAdvisor.MinConfidence).ToList();
        double Mae(List<FeedEvaluation.Moment> m) => FeedEvaluation.Mae(m, x => x.Predicted);
        double Naive(List<FeedEvaluation.Moment> m) => FeedEvaluation.Mae(m, x => x.Naive);
        output.WriteLine($"bundled feed vs SUMO's switch times, every red second of every car group 0..600 s: {all.Count} moments, MAE {Mae(all):F2} s, likelyTime echo {Naive(all):F2} s");
        output.WriteLine($"  last 10 s before green: {last.Count} moments, MAE {Mae(last):F2} s, echo {Naive(last):F2} s");
        output.WriteLine($"  confidence >= {TrafficLightAdvisor.MinConfidence} (what the advisor would show): {sure.Count} moments, MAE {Mae(sure):F2} s, echo {Naive(sure):F2} s");
        Assert.True(all.Count > 5000, $"{all.Count} moments");
        Assert.True(Mae(all) < Naive(all) / 2, $"MAE {Mae(all):F2} s, echo {Naive(all):F2} s");
        Assert.True(Mae(all) <= 1.0, $"MAE {Mae(all):F2} s");
        Assert.True(Mae(last) <= 1.0, $"last-10-s MAE {Mae(last):F2} s");
    }

    /// <summary>Seconds (scenario clock) when SUMO's ego car stood still on a signal's approach, with the group of its next edge.</summary>
    internal static List<(double T, string Signal, int Group)> EgoWaits(RoadGraph graph, IReadOnlyList<TrafficSignal> signals, double offset)
    {
        var steps = XDocument.Load(Sumo("fcd.xml")).Descendants("timestep")
            .SelectMany(ts => ts.Elements("vehicle").Where(v => v.Attribute("id")!.Value == "ego").Select(v => (
                T: double.Parse(ts.Attribute("time")!.Value, CultureInfo.InvariantCulture) + offset,
                Edge: v.Attribute("lane")!.Value[..v.Attribute("lane")!.Value.LastIndexOf('_')],
                Speed: double.Parse(v.Attribute("speed")!.Value, CultureInfo.InvariantCulture))))
            .ToList();
        var edgeIndex = graph.Edges.ToDictionary(e => e.Id, e => e.Index);
        var waits = new List<(double, string, int)>();
        for (var i = 0; i < steps.Count; i++)
        {
            if (steps[i].Speed > 0.1 || steps[i].Edge.StartsWith(':') || !edgeIndex.TryGetValue(steps[i].Edge, out var from)) continue;
            var nextEdge = steps.Skip(i).Select(s => s.Edge).FirstOrDefault(e => e != steps[i].Edge && !e.StartsWith(':'));
            if (nextEdge is null || !edgeIndex.TryGetValue(nextEdge, out var to)) continue;
            foreach (var signal in signals)
                foreach (var link in signal.Links)
                    if (link.FromEdge == from && link.ToEdge == to)
                    {
                        waits.Add((steps[i].T, signal.Id, new SignalGroups(signal).GroupOfLink(link.LinkIndex)));
                        goto found;
                    }
            found:;
        }
        return waits;
    }
}
