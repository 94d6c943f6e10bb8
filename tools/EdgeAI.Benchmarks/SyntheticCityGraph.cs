using EdgeAI.Services.Geo;
using EdgeAI.Services.Map;

namespace EdgeAI.Benchmarks;

/// <summary>
/// A made-up city larger than the demo region, to see how routing time grows with the graph: a square street grid,
/// junctions 100 m apart and jittered by up to 20 m, two-way streets at 30 or 50 km/h, and every tenth street an
/// arterial at 70 km/h. Seeded, so every run routes on the same city.
/// </summary>
internal static class SyntheticCityGraph
{
    public static RoadGraph Build(int side, int seed = 7)
    {
        var random = new Random(seed);
        var origin = new GeoPoint(52.40, 13.40);
        double metresPerLat = 111_195.0, metresPerLon = 111_195.0 * Math.Cos(origin.Lat * Math.PI / 180);
        var nodes = new List<RoadNode>(side * side);
        for (var y = 0; y < side; y++)
            for (var x = 0; x < side; x++)
            {
                double north = y * 100 + (random.NextDouble() - 0.5) * 40, east = x * 100 + (random.NextDouble() - 0.5) * 40;
                nodes.Add(new RoadNode(nodes.Count, $"g{x}_{y}", new GeoPoint(origin.Lat + north / metresPerLat, origin.Lon + east / metresPerLon)));
            }
        var edges = new List<RoadEdge>(4 * side * side);
        void Street(int a, int b, bool arterial)
        {
            var kmh = arterial ? 70 : random.NextDouble() < 0.5 ? 30 : 50;
            var length = GeoPoint.DistanceM(nodes[a].Position, nodes[b].Position);
            var roadClass = arterial ? "primary" : "residential";
            edges.Add(new RoadEdge(edges.Count, $"{a}-{b}", a, b, roadClass, null, length, kmh / 3.6, false, 1, [nodes[a].Position, nodes[b].Position]));
            edges.Add(new RoadEdge(edges.Count, $"{b}-{a}", b, a, roadClass, null, length, kmh / 3.6, false, 1, [nodes[b].Position, nodes[a].Position]));
        }
        for (var y = 0; y < side; y++)
            for (var x = 0; x < side; x++)
            {
                var here = y * side + x;
                if (x + 1 < side) Street(here, here + 1, y % 10 == 0);
                if (y + 1 < side) Street(here, here + side, x % 10 == 0);
            }
        return new RoadGraph(nodes, edges, []);
    }
}
