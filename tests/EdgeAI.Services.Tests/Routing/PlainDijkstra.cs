using EdgeAI.Services.Map;

namespace EdgeAI.Services.Tests.Routing;

/// <summary>
/// The reference for the router: textbook Dijkstra with the BCL priority queue, no heuristic, no pooling, nothing
/// shared with <see cref="EdgeAI.Services.Routing.Router"/>. Its state is the window of the last k edges driven, k one
/// less than the longest banned path (1 without any: the edge), and a step is refused when the window and the next edge
/// end with a banned path; so banned turns and banned paths count, checked by brute force against every path.
/// </summary>
internal static class PlainDijkstra
{
    /// <summary>Fastest time from node <paramref name="from"/> to node <paramref name="to"/>; null when unreachable.</summary>
    public static double? TravelTime(RoadGraph graph, int from, int to, Func<int, double>? factor = null)
    {
        if (from == to) return 0;
        double Cost(int e) => graph.Edges[e].LengthM / graph.Edges[e].SpeedLimitMps * (factor?.Invoke(e) ?? 1);
        int window = Math.Max(1, graph.BannedPaths.Count == 0 ? 1 : graph.BannedPaths.Max(p => p.Count) - 1);
        var best = new Dictionary<string, double>();
        var queue = new PriorityQueue<int[], double>();
        foreach (var e in graph.OutEdges(from)) queue.Enqueue([e], Cost(e));
        var done = new HashSet<string>();
        while (queue.TryDequeue(out var driven, out var time))
        {
            if (!done.Add(string.Join(',', driven))) continue;
            var edge = driven[^1];
            if (graph.Edges[edge].To == to) return time;
            foreach (var next in graph.OutEdges(graph.Edges[edge].To))
            {
                if (!graph.IsTurnAllowed(edge, next)) continue;
                int[] longer = [.. driven, next];
                if (graph.BannedPaths.Any(p => EndsWith(longer, p))) continue;
                var state = longer[Math.Max(0, longer.Length - window)..];
                var key = string.Join(',', state);
                var t = time + Cost(next);
                if (!best.TryGetValue(key, out var old) || t < old) { best[key] = t; queue.Enqueue(state, t); }
            }
        }
        return null;
    }

    private static bool EndsWith(int[] driven, IReadOnlyList<int> path)
    {
        if (driven.Length < path.Count) return false;
        for (int i = 0; i < path.Count; i++)
            if (driven[driven.Length - path.Count + i] != path[i]) return false;
        return true;
    }
}
