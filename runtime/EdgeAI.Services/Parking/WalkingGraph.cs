using EdgeAI.Services.Geo;
using EdgeAI.Services.Map;

namespace EdgeAI.Services.Parking;

/// <summary>
/// Walking distances on the road graph: every edge can be walked both ways (pedestrians ignore one-ways and turn
/// bans), and a place joins the graph at its nearest node by a straight line.
/// </summary>
public sealed class WalkingGraph
{
    /// <summary>Walking speed used for walking times, metres per second.</summary>
    public const double WalkingSpeedMps = 1.4;

    private readonly RoadGraph _graph;
    private readonly (int Node, double LengthM)[][] _neighbours;

    /// <summary>Builds the undirected adjacency of <paramref name="graph"/>.</summary>
    public WalkingGraph(RoadGraph graph)
    {
        _graph = graph;
        var lists = new List<(int, double)>[graph.Nodes.Count];
        for (var i = 0; i < lists.Length; i++) lists[i] = [];
        foreach (var e in graph.Edges)
        {
            lists[e.From].Add((e.To, e.LengthM));
            lists[e.To].Add((e.From, e.LengthM));
        }
        _neighbours = Array.ConvertAll(lists, l => l.ToArray());
    }

    /// <summary>The node nearest to <paramref name="at"/> (straight line) and its distance, metres.</summary>
    public (int Node, double DistanceM) NearestNode(GeoPoint at)
    {
        int best = -1;
        double bestDistance = double.MaxValue;
        for (var i = 0; i < _graph.Nodes.Count; i++)
        {
            var d = GeoPoint.DistanceM(at, _graph.Nodes[i].Position);
            if (d < bestDistance) { bestDistance = d; best = i; }
        }
        return (best, bestDistance);
    }

    /// <summary>Shortest walking distances from <paramref name="source"/> to every node (Dijkstra), metres;
    /// <see cref="double.PositiveInfinity"/> where a node is farther than <paramref name="limitM"/> or unreachable.</summary>
    public double[] DistancesFrom(int source, double limitM = double.PositiveInfinity)
    {
        var distance = new double[_graph.Nodes.Count];
        Array.Fill(distance, double.PositiveInfinity);
        distance[source] = 0;
        var queue = new PriorityQueue<int, double>();
        queue.Enqueue(source, 0);
        while (queue.TryDequeue(out var node, out var d))
        {
            if (d > distance[node]) continue;
            foreach (var (next, length) in _neighbours[node])
            {
                var nd = d + length;
                if (nd < distance[next] && nd <= limitM)
                {
                    distance[next] = nd;
                    queue.Enqueue(next, nd);
                }
            }
        }
        return distance;
    }

    /// <summary>Walking distance between two places: straight to the nearest node, along the graph, straight from the
    /// nearest node; <see cref="double.PositiveInfinity"/> when the graph does not join them.</summary>
    public double WalkM(GeoPoint from, GeoPoint to)
    {
        var (a, da) = NearestNode(from);
        var (b, db) = NearestNode(to);
        return da + DistancesFrom(a)[b] + db;
    }
}
