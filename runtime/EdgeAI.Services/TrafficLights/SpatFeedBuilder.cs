using EdgeAI.Services.Geo;
using EdgeAI.Services.Map;

namespace EdgeAI.Services.TrafficLights;

/// <summary>
/// Builds a scenario's SPaT/MAP feed: the MAP from the road graph and signal programs, the SPaT messages by running a
/// <see cref="RoadSideUnit"/> per controller over a truth (SUMO's recorded switches, or a simulation).
/// </summary>
public static class SpatFeedBuilder
{
    /// <summary>
    /// The feed for a scenario driven by SUMO: <paramref name="tlsStatesPath"/> is SUMO's SaveTLSStates output
    /// (.xml or .xml.gz), shifted onto the scenario's clock by <paramref name="sumoToScenarioOffsetS"/>
    /// (scenario time = SUMO time + offset). Messages are generated from <paramref name="fromS"/> to
    /// <paramref name="toS"/> (scenario clock; default: the whole record) for the controllers in
    /// <paramref name="intersections"/> (default: all that appear in both the net and the record).
    /// </summary>
    /// <exception cref="SpatFormatException">the states file is malformed.</exception>
    public static SpatFeed FromSumoStates(
        RoadGraph graph, IReadOnlyList<TrafficSignal> signals, string tlsStatesPath, double sumoToScenarioOffsetS, int seed,
        double? fromS = null, double? toS = null, IReadOnlyCollection<string>? intersections = null, RoadSideUnitOptions? options = null)
    {
        var truth = SumoTlsStatesReader.Read(tlsStatesPath, sumoToScenarioOffsetS);
        var chosen = signals.Where(s => truth.ContainsKey(s.Id) && (intersections is null || intersections.Contains(s.Id))).ToList();
        var from = fromS ?? truth.Values.Min(t => t.Switches[0].Time);
        var to = toS ?? truth.Values.Max(t => t.Switches[^1].Time);
        return new SpatFeed(BuildMap(graph, chosen), Broadcast(chosen, truth, from, to, seed, options));
    }

    /// <summary>The messages the road-side units of <paramref name="signals"/> broadcast over their truths, merged in order of reception.</summary>
    public static IReadOnlyList<SpatMessage> Broadcast(
        IReadOnlyList<TrafficSignal> signals, IReadOnlyDictionary<string, SignalTimeline> truth, double fromS, double toS, int seed, RoadSideUnitOptions? options = null)
    {
        var all = new List<SpatMessage>();
        for (var i = 0; i < signals.Count; i++)
        {
            var rsu = new RoadSideUnit(signals[i], options);
            all.AddRange(rsu.Broadcast(truth[signals[i].Id], fromS, toS, new Random(unchecked(seed * 7919 + i))));
        }
        // stable: same reception time keeps generation order
        return [.. all.OrderBy(m => m.T).ThenBy(m => m.TimeStamp)];
    }

    /// <summary>The MAP of <paramref name="signals"/>: per approach edge its shape up to the stop line, bearing, limit and
    /// manoeuvres with their signal groups (<see cref="SignalGroups"/>). The stop line is where the approach's signalled
    /// lanes end (<see cref="SignalLink.StopLine"/>, their mean position along the edge), else the end of the edge.</summary>
    public static SignalMap BuildMap(RoadGraph graph, IEnumerable<TrafficSignal> signals)
    {
        var intersections = new List<SignalIntersection>();
        foreach (var signal in signals)
        {
            var groups = new SignalGroups(signal);
            var approaches = new List<SignalApproach>();
            foreach (var from in signal.Links.Select(l => l.FromEdge).Distinct())
            {
                var edge = graph.Edges[from];
                var maneuvers = new List<SignalManeuver>();
                foreach (var link in signal.Links)
                {
                    if (link.FromEdge != from) continue;
                    var m = new SignalManeuver(graph.Edges[link.ToEdge].Id, link.Direction, groups.GroupOfLink(link.LinkIndex));
                    if (!maneuvers.Contains(m)) maneuvers.Add(m);
                }
                var lineEnds = signal.Links.Where(l => l.FromEdge == from && l.StopLine is not null).Select(l => l.StopLine!.Value).Distinct().ToList();
                var shape = UpToStopLine(edge.Shape, lineEnds);
                var bearing = GeoPoint.BearingDeg(shape[^2], shape[^1]);
                approaches.Add(new SignalApproach(edge.Id, shape, bearing, edge.SpeedLimitMps, maneuvers));
            }
            intersections.Add(new SignalIntersection(signal.Id, signal.Position, approaches));
        }
        return new SignalMap(intersections);
    }

    /// <summary>
    /// <paramref name="shape"/> cut where <paramref name="lineEnds"/> (the ends of its lanes) lie along it, on average:
    /// the edge's shape runs on past the stop line to the junction's centre. The whole shape when there are none.
    /// </summary>
    internal static IReadOnlyList<GeoPoint> UpToStopLine(IReadOnlyList<GeoPoint> shape, IReadOnlyList<GeoPoint> lineEnds)
    {
        if (lineEnds.Count == 0 || shape.Count < 2) return shape;
        double at = 0;
        foreach (var p in lineEnds) at += AlongM(shape, p);
        at /= lineEnds.Count;
        var cut = new List<GeoPoint> { shape[0] };
        double walked = 0;
        for (int i = 1; i < shape.Count; i++)
        {
            double length = GeoPoint.DistanceM(shape[i - 1], shape[i]);
            if (walked + length >= at)
            {
                double f = length > 0 ? Math.Clamp((at - walked) / length, 0, 1) : 1;
                var end = new GeoPoint(shape[i - 1].Lat + f * (shape[i].Lat - shape[i - 1].Lat), shape[i - 1].Lon + f * (shape[i].Lon - shape[i - 1].Lon));
                // a cut within a centimetre of a shape point keeps that point (no zero-length last segment for the bearing)
                if (GeoPoint.DistanceM(cut[^1], end) > 0.01) cut.Add(end);
                else if (cut.Count == 1) cut.Add(shape[i]);
                return cut;
            }
            walked += length;
            cut.Add(shape[i]);
        }
        return cut;
    }

    // Metres along the polyline to the point nearest p, each segment measured as the cut measures it (haversine).
    private static double AlongM(IReadOnlyList<GeoPoint> shape, GeoPoint p)
    {
        if (!Polyline.TryNearest(shape, p, out int segment, out double fraction, out _)) return 0;
        double walked = 0;
        for (int i = 1; i <= segment; i++) walked += GeoPoint.DistanceM(shape[i - 1], shape[i]);
        return walked + fraction * GeoPoint.DistanceM(shape[segment], shape[segment + 1]);
    }
}
