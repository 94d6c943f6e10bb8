using EdgeAI.Services.Geo;

namespace EdgeAI.Services.Map;

/// <summary>
/// Turns raw OSM entities into a <see cref="RegionMap"/>: the drivable ways split at shared nodes into directed edges,
/// turn restrictions as banned turns (via a node) and banned paths (via ways), traffic-signal nodes as signals without a program, and amenities as POIs.
/// </summary>
internal static class OsmGraphBuilder
{
    public static RegionMap Build(OsmData osm, string name, string attribution)
    {
        // Ways a car may use, with the nodes they reference that the file defines.
        var ways = new List<OsmWay>();
        foreach (var w in osm.Ways)
        {
            if (!w.Tags.TryGetValue("highway", out var hw) || !OsmTagValues.DefaultSpeedKmh.ContainsKey(hw)) continue;
            if (Tag(w.Tags, "access") is "no" or "private" || Tag(w.Tags, "motor_vehicle") is "no" || Tag(w.Tags, "motorcar") is "no" || Tag(w.Tags, "area") == "yes") continue;
            var refs = w.Refs.Where(osm.Nodes.ContainsKey).ToList();
            if (refs.Count >= 2) ways.Add(w with { Refs = refs });
        }

        // A node becomes a graph node where a way ends, or where more than one way (or one way twice) passes.
        var uses = new Dictionary<long, int>();
        foreach (var w in ways)
            foreach (var r in w.Refs) uses[r] = uses.GetValueOrDefault(r) + 1;
        var nodes = new List<RoadNode>();
        var nodeIndex = new Dictionary<long, int>();
        int NodeOf(long id)
        {
            if (!nodeIndex.TryGetValue(id, out int i))
            {
                i = nodes.Count;
                nodeIndex[id] = i;
                nodes.Add(new RoadNode(i, "n" + id, osm.Nodes[id]));
            }
            return i;
        }

        var edges = new List<RoadEdge>();
        var edgeOsmNodes = new List<List<long>>();
        var edgesOfWay = new Dictionary<long, List<int>>();
        foreach (var w in ways)
        {
            string hw = w.Tags["highway"];
            string? oneway = Tag(w.Tags, "oneway");
            bool roundabout = Tag(w.Tags, "junction") is "roundabout" or "circular";
            bool forward = oneway is not ("-1" or "reverse");
            bool backward = oneway is "no" or "-1" or "reverse" || (oneway is not ("yes" or "true" or "1") && !roundabout && hw is not ("motorway" or "motorway_link"));
            bool isOneWay = forward != backward;
            double speed = OsmTagValues.MaxSpeedMps(Tag(w.Tags, "maxspeed")) ?? OsmTagValues.DefaultSpeedKmh[hw] / 3.6;
            int lanesTotal = OsmTagValues.IntOrNull(Tag(w.Tags, "lanes")) is { } l && l > 0 ? l : isOneWay ? 1 : 2;
            int lanes = isOneWay ? lanesTotal : Math.Max(1, (lanesTotal + 1) / 2);
            string? street = Tag(w.Tags, "name") ?? Tag(w.Tags, "ref");
            var list = edgesOfWay[w.Id] = [];
            int start = 0, segment = 0;
            for (int i = 1; i < w.Refs.Count; i++)
            {
                if (i < w.Refs.Count - 1 && uses[w.Refs[i]] < 2) continue;
                var ids = w.Refs.GetRange(start, i - start + 1);
                var shape = ids.ConvertAll(id => osm.Nodes[id]);
                double length = 0;
                for (int k = 1; k < shape.Count; k++) length += GeoPoint.DistanceM(shape[k - 1], shape[k]);
                if (length > 0)
                {
                    int a = NodeOf(ids[0]), b = NodeOf(ids[^1]);
                    if (forward) Add($"w{w.Id}:{segment}+", a, b, shape, ids);
                    if (backward)
                    {
                        var rs = new List<GeoPoint>(shape); rs.Reverse();
                        var rid = new List<long>(ids); rid.Reverse();
                        Add($"w{w.Id}:{segment}-", b, a, rs, rid);
                    }
                }
                start = i;
                segment++;
            }

            void Add(string id, int from, int to, List<GeoPoint> shape, List<long> ids)
            {
                double length = 0;
                for (int k = 1; k < shape.Count; k++) length += GeoPoint.DistanceM(shape[k - 1], shape[k]);
                list.Add(edges.Count);
                edgeOsmNodes.Add(ids);
                edges.Add(new RoadEdge(edges.Count, id, from, to, hw, street, length, speed, isOneWay, lanes, shape));
            }
        }
        var outEdges = new List<int>[nodes.Count];
        for (int i = 0; i < nodes.Count; i++) outEdges[i] = [];
        foreach (var e in edges) outEdges[e.From].Add(e.Index);

        var banned = new HashSet<(int, int)>();
        var bannedPaths = new List<IReadOnlyList<int>>();
        foreach (var r in osm.Relations)
        {
            if (Tag(r.Tags, "type") != "restriction") continue;
            string? kind = Tag(r.Tags, "restriction") ?? Tag(r.Tags, "restriction:motorcar");
            if (kind is null || !(kind.StartsWith("no_", StringComparison.Ordinal) || kind.StartsWith("only_", StringComparison.Ordinal))) continue;
            var from = r.Members.FirstOrDefault(m => m.Role == "from" && m.Type == "way");
            var via = r.Members.FirstOrDefault(m => m.Role == "via" && m.Type == "node");
            var to = r.Members.FirstOrDefault(m => m.Role == "to" && m.Type == "way");
            var viaWays = r.Members.Where(m => m.Role == "via" && m.Type == "way").Select(m => m.Ref).ToList();
            if (from is not null && to is not null && via is null && viaWays.Count > 0)
            {
                ViaWayRestriction(kind.StartsWith("only_", StringComparison.Ordinal), from.Ref, viaWays, to.Ref, edges, edgesOfWay, outEdges, banned, bannedPaths);
                continue;
            }
            // Restrictions on ways that are not drivable are left out.
            if (from is null || via is null || to is null || !nodeIndex.TryGetValue(via.Ref, out int v)) continue;
            var fromEdges = edgesOfWay.GetValueOrDefault(from.Ref)?.Where(e => edges[e].To == v).ToList() ?? [];
            var toEdges = edgesOfWay.GetValueOrDefault(to.Ref)?.Where(e => edges[e].From == v).ToList() ?? [];
            foreach (int fe in fromEdges)
            {
                if (kind.StartsWith("no_", StringComparison.Ordinal))
                    foreach (int te in toEdges) banned.Add((fe, te));
                else
                    foreach (int te in outEdges[v])
                        if (!toEdges.Contains(te)) banned.Add((fe, te));
            }
        }

        var graph = new RoadGraph(nodes, edges, banned, bannedPaths);
        return new RegionMap(name, attribution, graph, Signals(osm, edges, edgeOsmNodes, outEdges, banned), Pois(osm));
    }

    /// <summary>
    /// A restriction from way <paramref name="fromWay"/> via one or more ways to way <paramref name="toWay"/>: every
    /// drivable chain from an edge of the from way, along edges of the via ways (each via way at least once, no node
    /// twice), to an edge of the to way. <c>no_*</c> bans each chain as a path; <c>only_*</c> bans, after the from edge,
    /// every turn off the via chains at its start and every exit but the to way at the chain's end (leaving the via way
    /// part-way, where it is split into several edges, is not banned). Ways that are not drivable leave no chain.
    /// </summary>
    private static void ViaWayRestriction(bool only, long fromWay, List<long> viaWays, long toWay, List<RoadEdge> edges,
        Dictionary<long, List<int>> edgesOfWay, List<int>[] outEdges, HashSet<(int, int)> banned, List<IReadOnlyList<int>> bannedPaths)
    {
        var viaEdges = new Dictionary<int, long>();
        foreach (var w in viaWays)
            foreach (var e in edgesOfWay.GetValueOrDefault(w) ?? []) viaEdges[e] = w;
        var toEdges = edgesOfWay.GetValueOrDefault(toWay) ?? [];
        var chain = new List<int>();
        var visited = new HashSet<int>();
        foreach (var first in edgesOfWay.GetValueOrDefault(fromWay) ?? [])
        {
            var firstSteps = new HashSet<int>();
            chain.Clear(); chain.Add(first);
            visited.Clear(); visited.Add(edges[first].From); visited.Add(edges[first].To);
            Walk(first);
            if (only && firstSteps.Count > 0)
                foreach (var x in outEdges[edges[first].To])
                    if (!firstSteps.Contains(x)) banned.Add((first, x));

            void Walk(int last)
            {
                foreach (var next in outEdges[edges[last].To])
                {
                    if (!viaEdges.ContainsKey(next) || visited.Contains(edges[next].To)) continue;
                    chain.Add(next); visited.Add(edges[next].To);
                    if (chain.Skip(1).Select(e => viaEdges[e]).Distinct().Count() == viaWays.Distinct().Count())
                    {
                        var end = edges[next].To;
                        bool reachesTo = false;
                        foreach (var exit in outEdges[end])
                        {
                            if (!toEdges.Contains(exit)) continue;
                            reachesTo = true;
                            if (!only) bannedPaths.Add([.. chain, exit]);
                        }
                        if (reachesTo)
                        {
                            firstSteps.Add(chain[1]);
                            if (only)
                                foreach (var exit in outEdges[end])
                                    if (!toEdges.Contains(exit) && !viaEdges.ContainsKey(exit)) bannedPaths.Add([.. chain, exit]);
                        }
                    }
                    Walk(next);
                    chain.RemoveAt(chain.Count - 1); visited.Remove(edges[next].To);
                }
            }
        }
    }

    private static List<TrafficSignal> Signals(OsmData osm, List<RoadEdge> edges, List<List<long>> edgeOsmNodes, List<int>[] outEdges, HashSet<(int, int)> banned)
    {
        var signals = new List<TrafficSignal>();
        foreach (var (id, tags) in osm.NodeTags.OrderBy(kv => kv.Key))
        {
            if (Tag(tags, "highway") != "traffic_signals") continue;
            // Approaches: the edges that pass the signal node (not those leaving from it); each with its allowed exits.
            var links = new List<SignalLink>();
            for (int e = 0; e < edges.Count; e++)
            {
                int at = edgeOsmNodes[e].IndexOf(id);
                if (at <= 0) continue;
                foreach (int to in outEdges[edges[e].To])
                    if (!banned.Contains((e, to))) links.Add(new SignalLink(links.Count, e, to, Direction(edges[e], edges[to])));
            }
            if (links.Count > 0) signals.Add(new TrafficSignal("n" + id, osm.Nodes[id], 0, [], links));
        }
        return signals;
    }

    // SUMO's link directions: s straight, l/r left/right, L/R partly, t turn around.
    private static char Direction(RoadEdge from, RoadEdge to)
    {
        double a = GeoPoint.BearingDeg(from.Shape[^2], from.Shape[^1]), b = GeoPoint.BearingDeg(to.Shape[0], to.Shape[1]);
        double turn = ((b - a) % 360 + 540) % 360 - 180;
        return Math.Abs(turn) switch
        {
            < 30 => 's',
            > 160 => 't',
            _ => turn < 0 ? 'l' : 'r',
        };
    }

    private static List<Poi> Pois(OsmData osm)
    {
        var pois = new List<Poi>();
        foreach (var (id, tags) in osm.NodeTags.OrderBy(kv => kv.Key))
            if (Poi("n" + id, tags, osm.Nodes[id]) is { } p) pois.Add(p);
        foreach (var w in osm.Ways)
        {
            if (!w.Tags.ContainsKey("amenity")) continue;
            // An area: its centre is the mean of its distinct nodes.
            var pts = w.Refs.Distinct().Where(osm.Nodes.ContainsKey).Select(r => osm.Nodes[r]).ToList();
            if (pts.Count == 0) continue;
            if (Poi("w" + w.Id, w.Tags, new GeoPoint(pts.Average(p => p.Lat), pts.Average(p => p.Lon))) is { } p) pois.Add(p);
        }
        return pois;
    }

    private static Poi? Poi(string id, Dictionary<string, string> tags, GeoPoint at)
    {
        string? amenity = Tag(tags, "amenity");
        string Name(string fallback) => Tag(tags, "name") ?? Tag(tags, "operator") ?? fallback;
        switch (amenity)
        {
            case "restaurant" or "fast_food" or "cafe":
                var kind = amenity == "cafe" ? PoiKind.Cafe : PoiKind.Restaurant;
                // OSM has no price level or rating: 0 = unknown, rating null.
                return new Poi(id, kind, Name(amenity), at, Generated: false) { Food = new FoodInfo(Tag(tags, "cuisine") ?? "", Tag(tags, "opening_hours"), 0, null) };
            case "parking":
                string? parking = Tag(tags, "parking");
                return new Poi(id, PoiKind.Parking, Name("parking"), at, Generated: false)
                {
                    Parking = new ParkingInfo(OsmTagValues.IntOrNull(Tag(tags, "capacity")) ?? 0, 0, null,
                        parking is "multi-storey" or "underground", OsmTagValues.MetresOrNull(Tag(tags, "maxheight")),
                        OsmTagValues.IntOrNull(Tag(tags, "capacity:charging")) ?? 0, Tag(tags, "opening_hours")),
                };
            case "charging_station":
                var connectors = new List<string>();
                double power = OsmTagValues.KilowattsOrNull(Tag(tags, "charging_station:output")) ?? OsmTagValues.KilowattsOrNull(Tag(tags, "maxpower")) ?? 0;
                int sockets = 0;
                foreach (var (key, value) in tags.OrderBy(kv => kv.Key, StringComparer.Ordinal))
                {
                    if (!key.StartsWith("socket:", StringComparison.Ordinal)) continue;
                    var parts = key.Split(':');
                    if (parts.Length == 2 && value != "no")
                    {
                        connectors.Add(parts[1]);
                        sockets += OsmTagValues.IntOrNull(value) ?? 1;
                    }
                    else if (parts.Length == 3 && parts[2] == "output" && OsmTagValues.KilowattsOrNull(value) is { } kw) power = Math.Max(power, kw);
                }
                int points = OsmTagValues.IntOrNull(Tag(tags, "capacity")) ?? Math.Max(1, sockets);
                return new Poi(id, PoiKind.Charger, Name("charging station"), at, Generated: false) { Charger = new ChargerInfo(power, connectors, points) };
            default:
                return null;
        }
    }

    private static string? Tag(Dictionary<string, string> tags, string key) => tags.TryGetValue(key, out var v) && v.Length > 0 ? v : null;
}
