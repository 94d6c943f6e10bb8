using System.Diagnostics;
using System.Globalization;
using EdgeAI.Services.Geo;
using EdgeAI.Services.Routing;

namespace EdgeAI.Benchmarks;

/// <summary>
/// Route latency over many random cross-city routes of the demo region in a plain loop (seeded; pairs at least half the
/// region's largest node-to-node distance apart in a straight line, and reachable), each route timed on its own: p50, p99, max and bytes allocated per route.
/// <c>route-p99 N --city SIDE</c> routes on a <see cref="SyntheticCityGraph"/> of SIDE × SIDE junctions instead;
/// <c>--landmarks K</c> sets the router's ALT landmarks (default <see cref="Router.DefaultLandmarks"/>, 0 = straight line only).
/// </summary>
internal static class RouteLatency
{
    public static int Run(string[] args)
    {
        var count = args.Length > 1 && int.TryParse(args[1], out var n) ? n : 5000;
        var city = Array.IndexOf(args, "--city");
        var graph = city > 0 && city + 1 < args.Length ? SyntheticCityGraph.Build(int.Parse(args[city + 1], CultureInfo.InvariantCulture)) : DemoRegionGraph.Load();
        var landmarksAt = Array.IndexOf(args, "--landmarks");
        var landmarks = landmarksAt > 0 && landmarksAt + 1 < args.Length ? int.Parse(args[landmarksAt + 1], CultureInfo.InvariantCulture) : Router.DefaultLandmarks;
        var build = Stopwatch.GetTimestamp();
        var router = new Router(graph, landmarks);
        var buildMs = Stopwatch.GetElapsedTime(build).TotalMilliseconds;
        var random = new Random(99);
        double widest = 0;
        if (graph.Nodes.Count <= 5000)
        {
            for (var a = 0; a < graph.Nodes.Count; a++)
                for (var b = a + 1; b < graph.Nodes.Count; b++)
                    widest = Math.Max(widest, GeoPoint.DistanceM(graph.Nodes[a].Position, graph.Nodes[b].Position));
        }
        else
        {
            // a large graph: the farthest node from the farthest node of node 0 (within a few per cent of the widest)
            var far = 0;
            for (var sweep = 0; sweep < 2; sweep++)
            {
                var from = graph.Nodes[far].Position;
                widest = 0;
                for (var b = 0; b < graph.Nodes.Count; b++)
                {
                    var d = GeoPoint.DistanceM(from, graph.Nodes[b].Position);
                    if (d > widest) { widest = d; far = b; }
                }
            }
        }
        var apart = widest / 2;
        var pairs = new List<(int, int)>();
        for (var attempt = 0; pairs.Count < count; attempt++)
        {
            if (attempt > 100 * count) throw new InvalidOperationException($"only {pairs.Count} reachable pairs {apart:F0} m apart in {attempt} tries");
            int a = random.Next(graph.Nodes.Count), b = random.Next(graph.Nodes.Count);
            if (GeoPoint.DistanceM(graph.Nodes[a].Position, graph.Nodes[b].Position) < apart) continue;
            if (router.TravelTimeS(a, b) is null) continue;
            pairs.Add((a, b));
        }
        foreach (var (a, b) in pairs.Take(500)) router.Find(a, b); // warm-up (tiered JIT)
        var micros = new double[pairs.Count];
        var before = GC.GetAllocatedBytesForCurrentThread();
        double metres = 0;
        for (var i = 0; i < pairs.Count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            var route = router.Find(pairs[i].Item1, pairs[i].Item2)!;
            micros[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
            metres += route.LengthM;
        }
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Array.Sort(micros);
        double P(double q) => micros[Math.Min(micros.Length - 1, (int)Math.Ceiling(q * micros.Length) - 1)];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{pairs.Count} cross-city routes (≥ {apart:F0} m apart) on {graph.Nodes.Count} nodes / {graph.Edges.Count} edges, {landmarks} landmarks (router built in {buildMs:F0} ms), mean length {metres / pairs.Count / 1000:F2} km: " +
            $"p50 {P(0.5):F1} µs, p99 {P(0.99):F1} µs, max {micros[^1]:F1} µs, {allocated / pairs.Count:F0} B allocated per route (the Route itself)"));
        return 0;
    }
}
