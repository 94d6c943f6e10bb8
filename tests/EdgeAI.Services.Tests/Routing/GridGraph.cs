using EdgeAI.Services.Geo;
using EdgeAI.Services.Map;

namespace EdgeAI.Services.Tests.Routing;

/// <summary>A small synthetic street grid: nodes 100 m apart, two-way edges, 50 km/h, optional banned turns.</summary>
internal static class GridGraph
{
    /// <summary>Node index of column <paramref name="x"/>, row <paramref name="y"/> (row 0 is the south).</summary>
    public static int Node(int x, int y, int columns) => y * columns + x;

    /// <summary>A grid of <paramref name="columns"/> × <paramref name="rows"/>; <paramref name="bans"/> and
    /// <paramref name="bannedPaths"/> pick banned turns and banned paths on the plain grid.</summary>
    public static RoadGraph Build(int columns, int rows, Func<RoadGraph, IEnumerable<(int, int)>>? bans = null, double speedMps = 50 / 3.6,
        Func<RoadGraph, IEnumerable<IReadOnlyList<int>>>? bannedPaths = null)
    {
        var origin = new GeoPoint(52.43, 13.53);
        var nodes = new List<RoadNode>();
        for (var y = 0; y < rows; y++)
            for (var x = 0; x < columns; x++)
                nodes.Add(new RoadNode(nodes.Count, $"n{x}_{y}", new GeoPoint(origin.Lat + y * 100 / 111_195.0, origin.Lon + x * 100 / (111_195.0 * Math.Cos(origin.Lat * Math.PI / 180)))));
        var edges = new List<RoadEdge>();
        void Add(int a, int b) => edges.Add(new RoadEdge(edges.Count, $"{nodes[a].Id}-{nodes[b].Id}", a, b, "residential", null,
            GeoPoint.DistanceM(nodes[a].Position, nodes[b].Position), speedMps, false, 1, [nodes[a].Position, nodes[b].Position]));
        for (var y = 0; y < rows; y++)
            for (var x = 0; x < columns; x++)
            {
                if (x + 1 < columns) { Add(Node(x, y, columns), Node(x + 1, y, columns)); Add(Node(x + 1, y, columns), Node(x, y, columns)); }
                if (y + 1 < rows) { Add(Node(x, y, columns), Node(x, y + 1, columns)); Add(Node(x, y + 1, columns), Node(x, y, columns)); }
            }
        var plain = new RoadGraph(nodes, edges, []);
        return bans is null && bannedPaths is null ? plain
            : new RoadGraph(nodes, edges, bans?.Invoke(plain).ToList() ?? [], bannedPaths?.Invoke(plain).ToList());
    }

    /// <summary>The edge from node <paramref name="a"/> to node <paramref name="b"/>.</summary>
    public static int Edge(RoadGraph graph, int a, int b)
    {
        foreach (var e in graph.OutEdges(a))
            if (graph.Edges[e].To == b) return e;
        throw new ArgumentException($"no edge {a}->{b}");
    }
}
