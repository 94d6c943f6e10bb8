using EdgeAI.Services.Map;

namespace EdgeAI.Services.Tests.Routing;

/// <summary>
/// The reference for the router: textbook Dijkstra over edges (so turn restrictions count) with the BCL priority queue,
/// no heuristic, no pooling, nothing shared with <see cref="EdgeAI.Services.Routing.Router"/>.
/// </summary>
internal static class PlainDijkstra
{
    /// <summary>Fastest time from node <paramref name="from"/> to node <paramref name="to"/>; null when unreachable.</summary>
    public static double? TravelTime(RoadGraph graph, int from, int to, Func<int, double>? factor = null)
    {
        if (from == to) return 0;
        double Cost(int e) => graph.Edges[e].LengthM / graph.Edges[e].SpeedLimitMps * (factor?.Invoke(e) ?? 1);
        var best = new Dictionary<int, double>();
        var queue = new PriorityQueue<int, double>();
        foreach (var e in graph.OutEdges(from)) { best[e] = Cost(e); queue.Enqueue(e, Cost(e)); }
        var done = new HashSet<int>();
        while (queue.TryDequeue(out var edge, out var time))
        {
            if (!done.Add(edge)) continue;
            if (graph.Edges[edge].To == to) return time;
            foreach (var next in graph.OutEdges(graph.Edges[edge].To))
            {
                if (!graph.IsTurnAllowed(edge, next)) continue;
                var t = time + Cost(next);
                if (!best.TryGetValue(next, out var old) || t < old) { best[next] = t; queue.Enqueue(next, t); }
            }
        }
        return null;
    }
}
