using System.Globalization;
using System.Xml.Linq;
using EdgeAI.Services.Geo;
using EdgeAI.Services.Map;
using EdgeAI.Services.TrafficLights;
using EdgeAI.TestKit;

namespace EdgeAI.Services.Tests.TrafficLights;

/// <summary>
/// The bundled drive's stops against SUMO's own signal states (the truth, <c>sumo/tls-states.xml.gz</c>), never the
/// SPaT feed: where SUMO's ego car stood still, the light it was waiting for must have been red or yellow.
/// Four stops are at the line (1 m before it). Two are queues: at 533 s the ego stood on the internal lane of the
/// unsignalized priority junction 4854982234 (a major link, and the run has no pedestrians, so nothing to yield to)
/// 23.5 m behind joinedS_2's line, and at 565 s 23.5 m behind a line; both lights were red when it stopped and it
/// moved off 2 s after their green, as the cars ahead cleared. fcd.xml records only the ego, so the queue itself is
/// inferred from the distance, not seen.
/// </summary>
public sealed class EgoStopTests(ITestOutputHelper output)
{
    /// <summary>Road a waiting car takes in a queue (its length and the gap to the car ahead), metres.</summary>
    private const double QueueSlotM = 7.5;

    /// <summary>How long after green the car in front of a queue may take to start, and each further car after it, seconds.</summary>
    private const double StartLossS = 2.0, DischargePerCarS = 2.0;

    [Fact]
    public void EgoStopsLongerThan2s_ButTheChargingStop_WaitForARedOrYellowOfTheGroupAhead()
    {
        var graph = DemoRegion.Graph;
        var signals = DemoRegion.Signals;
        var truth = SumoTlsStatesReader.Read(EgoTrace.SumoFile("tls-states.xml.gz"), EgoTrace.SumoToScenarioOffsetS);
        var charging = ChargingStop();
        var edgeIndex = graph.Edges.ToDictionary(e => e.Id, e => e.Index);
        var s = EgoTrace.Samples;
        var stops = EgoTrace.Stops().Where(x => x.DurationS > 2).ToList();
        var checkedStops = 0;
        foreach (var stop in stops)
        {
            var at = s[stop.First];
            if (at.Edge == charging.Edge && Math.Abs(at.PosM - charging.EndPosM) < 1 && stop.DurationS >= charging.DurationS)
                continue; // the route's <stop>: 300 s at the roadside charger, not a light
            var (signal, link) = GoverningLink(stop.First, signals, edgeIndex);
            Assert.True(signal is not null, $"stop at {stop.FromS} s on {at.Lane}: no signalized link ahead in the trace");
            var queue = QueueAhead(stop.First, graph.Edges[link!.FromEdge]);
            var timeline = truth[signal!.Id];
            var shown = StateAt(signal, timeline, link.LinkIndex, stop.FromS);
            var green = NextGreen(signal, timeline, link.LinkIndex, stop.FromS);
            var movedOff = stop.ToS + 1;
            output.WriteLine($"stop {stop.FromS}..{stop.ToS} ({stop.DurationS} s) on {at.Lane}, {queue:F1} m before {signal.Id} link {link.LinkIndex}: {shown.ToJ2735Name()}, green at {green}, moved off at {movedOff}");

            Assert.True(shown is MovementPhaseState.StopAndRemain or MovementPhaseState.ProtectedClearance,
                $"stop at {stop.FromS} s: {signal.Id} link {link.LinkIndex} shows {shown.ToJ2735Name()}");
            // it did not move on a red, and left as soon as its queue could: the queue ahead discharges at a car per 2 s
            Assert.True(green <= movedOff, $"stop at {stop.FromS} s: moved off at {movedOff} s, before green at {green} s");
            var carsAhead = Math.Floor(queue / QueueSlotM);
            Assert.True(movedOff - green <= StartLossS + DischargePerCarS * carsAhead,
                $"stop at {stop.FromS} s: moved off {movedOff - green} s after green with {carsAhead} cars' room ahead");
            checkedStops++;
        }
        Assert.Equal(stops.Count - 1, checkedStops);
        Assert.True(checkedStops >= 5, $"{checkedStops} stops");
    }

    /// <summary>The first signalized link the ego passes from sample <paramref name="i"/> on: (from edge, to edge)
    /// of consecutive edges outside junctions. A car queued back over an unsignalized junction waits for the next light.</summary>
    private static (TrafficSignal? Signal, SignalLink? Link) GoverningLink(int i, IReadOnlyList<TrafficSignal> signals, Dictionary<string, int> edgeIndex)
    {
        var s = EgoTrace.Samples;
        var from = EgoTrace.CurrentOrPreviousEdge(i);
        for (var j = i + 1; j < s.Count && from is not null; j++)
        {
            if (s[j].Internal || s[j].Edge == from) continue;
            if (edgeIndex.TryGetValue(from, out var f) && edgeIndex.TryGetValue(s[j].Edge, out var t))
                foreach (var signal in signals)
                    foreach (var link in signal.Links)
                        if (link.FromEdge == f && link.ToEdge == t) return (signal, link);
            from = s[j].Edge;
        }
        return (null, null);
    }

    /// <summary>Metres from the ego at sample <paramref name="i"/> to the stop line, the end of SUMO's lane on
    /// <paramref name="approach"/>: to where the trace last saw it on that edge, plus what was left of the lane there.
    /// (Not the MAP's stop line: the graph's edge shape runs on to the junction's centre where SUMO gives no shape.)</summary>
    private static double QueueAhead(int i, RoadEdge approach)
    {
        var s = EgoTrace.Samples;
        var last = -1;
        for (var j = i; j < s.Count; j++)
        {
            if (s[j].Edge == approach.Id) last = j;
            else if (last >= 0 && !s[j].Internal) break; // past the approach
        }
        return last >= 0
            ? GeoPoint.DistanceM(s[i].Position, s[last].Position) + Math.Max(0, approach.LengthM - s[last].PosM)
            : double.NaN;
    }

    private static MovementPhaseState StateAt(TrafficSignal signal, SignalTimeline timeline, int link, double t)
    {
        var k = timeline.IndexAt(t);
        return k < 0 ? MovementPhaseState.Unavailable : MovementPhaseStates.FromSumoLetter(signal.Phases[timeline.Switches[k].Phase].State[link]);
    }

    private static double NextGreen(TrafficSignal signal, SignalTimeline timeline, int link, double t)
    {
        for (var k = timeline.IndexAt(t) + 1; k < timeline.Switches.Count; k++)
            if (MovementPhaseStates.FromSumoLetter(signal.Phases[timeline.Switches[k].Phase].State[link]).IsGreen()) return timeline.Switches[k].Time;
        return double.PositiveInfinity;
    }

    /// <summary>The ego route's planned stop (<c>tools/sumo/adlershof-drive/ego.rou.xml</c>).</summary>
    private static (string Edge, double EndPosM, double DurationS) ChargingStop()
    {
        var stop = XDocument.Load(RepoPaths.Get("tools", "sumo", "adlershof-drive", "ego.rou.xml")).Descendants("stop").Single();
        return (stop.Attribute("edge")!.Value, Number(stop, "endPos"), Number(stop, "duration"));
    }

    private static double Number(XElement e, string name) => double.Parse(e.Attribute(name)!.Value, CultureInfo.InvariantCulture);
}
