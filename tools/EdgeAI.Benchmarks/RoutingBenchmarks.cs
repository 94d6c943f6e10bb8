using BenchmarkDotNet.Attributes;
using EdgeAI.Services.Geo;
using EdgeAI.Services.Map;
using EdgeAI.Services.Routing;

namespace EdgeAI.Benchmarks;

/// <summary>
/// One cross-city route on the demo region (Berlin-Adlershof from SUMO, read from the model cache): the two reachable
/// nodes farthest apart. The peer is a plain edge-based Dijkstra with the BCL's PriorityQueue, measured in the same run.
/// The p99 over many random routes is a plain loop: <c>dotnet run -c Release --project tools/EdgeAI.Benchmarks -- route-p99</c>.
/// </summary>
[MemoryDiagnoser]
public class RoutingBenchmarks
{
    private Router _router = null!;
    private RoadGraph _graph = null!;
    private int _from, _to;

    [GlobalSetup]
    public void Setup()
    {
        _graph = DemoRegionGraph.Load();
        _router = new Router(_graph);
        (_from, _to) = DemoRegionGraph.CrossCityPair(_graph, _router);
    }

    [Benchmark(Baseline = true)]
    public double PlainDijkstra() => DemoRegionGraph.PlainDijkstra(_graph, _from, _to);

    [Benchmark]
    public double AStarRoute() => _router.Find(_from, _to)!.TravelTimeS;

    [Benchmark]
    public double AStarTravelTimeOnly() => _router.TravelTimeS(_from, _to)!.Value;
}

/// <summary>The demo region's graph for benchmarks, and helpers shared by the benchmark and the p99 loop.</summary>
internal static class DemoRegionGraph
{
    public static RoadGraph Load()
    {
        var cache = Environment.GetEnvironmentVariable("EDGEAI_MODELS") is { Length: > 0 } env ? env
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "edgeai", "models");
        var path = Path.Combine(cache, "sumo-adlershof", "osm.net.xml");
        if (!File.Exists(path)) throw new FileNotFoundException($"{path} is missing: run ./edgeai models fetch sumo-adlershof", path);
        return SumoNetReader.Read(path).Graph;
    }

    /// <summary>The reachable pair of nodes farthest apart in a straight line.</summary>
    public static (int From, int To) CrossCityPair(RoadGraph graph, Router router)
    {
        var pairs = new List<(double D, int A, int B)>();
        for (var a = 0; a < graph.Nodes.Count; a++)
            for (var b = 0; b < graph.Nodes.Count; b++)
                if (a != b) pairs.Add((GeoPoint.DistanceM(graph.Nodes[a].Position, graph.Nodes[b].Position), a, b));
        pairs.Sort((x, y) => y.D.CompareTo(x.D));
        foreach (var (_, a, b) in pairs)
            if (router.TravelTimeS(a, b) is not null) return (a, b);
        throw new InvalidOperationException("no reachable pair");
    }

    public static double PlainDijkstra(RoadGraph graph, int from, int to)
    {
        var best = new Dictionary<int, double>();
        var queue = new PriorityQueue<int, double>();
        foreach (var e in graph.OutEdges(from)) { best[e] = graph.Edges[e].FreeFlowSeconds; queue.Enqueue(e, best[e]); }
        var done = new HashSet<int>();
        while (queue.TryDequeue(out var edge, out var time))
        {
            if (!done.Add(edge)) continue;
            if (graph.Edges[edge].To == to) return time;
            foreach (var next in graph.OutEdges(graph.Edges[edge].To))
            {
                if (!graph.IsTurnAllowed(edge, next)) continue;
                var t = time + graph.Edges[next].FreeFlowSeconds;
                if (!best.TryGetValue(next, out var old) || t < old) { best[next] = t; queue.Enqueue(next, t); }
            }
        }
        return double.NaN;
    }
}
