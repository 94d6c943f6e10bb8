using EdgeAI.Services.Geo;
using EdgeAI.Services.Map;
using EdgeAI.Services.Routing;

namespace EdgeAI.Services.Tests.Routing;

public sealed class RouterTests
{
    [Fact]
    public void Find_On200RandomNodePairsOfTheDemoGraph_MatchesPlainDijkstraTimesAndReachability()
    {
        var graph = DemoRegion.Graph;
        var router = new Router(graph);
        var random = new Random(13);
        int reachable = 0;
        for (var i = 0; i < 200; i++)
        {
            int a = random.Next(graph.Nodes.Count), b = random.Next(graph.Nodes.Count);
            var expected = PlainDijkstra.TravelTime(graph, a, b);
            var route = router.Find(a, b);
            Assert.True(expected.HasValue == (route is not null), $"pair {a}->{b}: Dijkstra reachable={expected.HasValue}, router={route is not null}");
            if (route is null) continue;
            reachable++;
            Assert.Equal(expected!.Value, route.TravelTimeS, Tolerance(expected.Value));
            if (a != b) AssertDrivable(graph, route, a, b);
        }
        Assert.True(reachable >= 150, $"only {reachable} of 200 random pairs reachable: the test would prove little");
    }

    [Fact]
    public void Find_WithRandomTrafficFactors_MatchesPlainDijkstraWithTheSameFactors()
    {
        var graph = DemoRegion.Graph;
        var router = new Router(graph);
        var random = new Random(20);
        var traffic = new TrafficFactors(graph.Edges.Count);
        for (var e = 0; e < graph.Edges.Count; e++) traffic.Set(e, 0.8 + random.NextDouble() * 3);
        for (var i = 0; i < 100; i++)
        {
            int a = random.Next(graph.Nodes.Count), b = random.Next(graph.Nodes.Count);
            var expected = PlainDijkstra.TravelTime(graph, a, b, traffic.Factor);
            var route = router.Find(a, b, traffic);
            Assert.Equal(expected.HasValue, route is not null);
            if (route is not null) Assert.Equal(expected!.Value, route.TravelTimeS, Tolerance(expected.Value));
        }
    }

    [Fact]
    public void Find_WithLandmarksOnAGridWithBannedTurnsBannedPathsAndFactorsBelowOne_MatchesPlainDijkstraAndTheStraightLineSearch()
    {
        // landmark bounds come from the node graph without turn restrictions and free-flow times: here turns are banned,
        // so are paths of 3 to 5 edges (restrictions via ways; random walks, so some overlap and share prefixes), and
        // traffic both slows and speeds edges up, which the bounds must survive without overestimating
        var random = new Random(21);
        var graph = GridGraph.Build(20, 20, g =>
        {
            var bans = new List<(int, int)>();
            for (var e = 0; e < g.Edges.Count; e++)
                foreach (var next in g.OutEdges(g.Edges[e].To))
                    if (g.Edges[next].To != g.Edges[e].From && random.NextDouble() < 0.15) bans.Add((e, next));
            return bans;
        }, bannedPaths: g => RandomWalks(g, random, count: 400, minEdges: 3, maxEdges: 5));
        Assert.Equal(400, graph.BannedPaths.Count);
        var traffic = new TrafficFactors(graph.Edges.Count);
        for (var e = 0; e < graph.Edges.Count; e++) traffic.Set(e, 0.5 + random.NextDouble() * 2.5);
        var withLandmarks = new Router(graph, landmarks: 8);
        var straightLine = new Router(graph, landmarks: 0);
        Assert.Equal(8, withLandmarks.Landmarks);
        for (var i = 0; i < 150; i++)
        {
            int a = random.Next(graph.Nodes.Count), b = random.Next(graph.Nodes.Count);
            var factors = i % 2 == 0 ? traffic : null;
            var expected = PlainDijkstra.TravelTime(graph, a, b, factors is null ? null : factors.Factor);
            var route = withLandmarks.Find(a, b, factors);
            Assert.Equal(expected.HasValue, route is not null);
            if (route is null) continue;
            Assert.Equal(expected!.Value, route.TravelTimeS, Tolerance(expected.Value));
            Assert.Equal(expected.Value, straightLine.TravelTimeS(a, b, factors)!.Value, Tolerance(expected.Value));
            if (a != b) AssertDrivable(graph, route, a, b);
        }
    }

    [Fact]
    public void Find_JammedEdgeOnTheStraightRoute_TakesTheFasterDetour()
    {
        var graph = GridGraph.Build(4, 2);
        var router = new Router(graph);
        int a = GridGraph.Node(0, 0, 4), b = GridGraph.Node(3, 0, 4);
        var free = router.Find(a, b)!;
        Assert.Equal(3, free.Edges.Count);
        var traffic = new TrafficFactors(graph.Edges.Count);
        traffic.Set(GridGraph.Edge(graph, GridGraph.Node(1, 0, 4), GridGraph.Node(2, 0, 4)), 10);
        var jammed = router.Find(a, b, traffic)!;
        Assert.Equal(5, jammed.Edges.Count); // east, north, east, south, east: round the jammed block
        Assert.DoesNotContain(GridGraph.Edge(graph, GridGraph.Node(1, 0, 4), GridGraph.Node(2, 0, 4)), jammed.Edges);
        Assert.Equal(5 * free.TravelTimeS / 3, jammed.TravelTimeS, 0.01); // grid edges differ by millimetres
    }

    [Fact]
    public void Find_BannedLeftTurn_IsNotDrivenAndTheDetourIsTaken()
    {
        // 3x3 grid; from the south-west corner to the north-east corner through the middle column:
        // the left turn (from heading north on the middle column into the east half of the top row) is banned
        const int W = 3;
        RoadGraph Build(bool ban) => GridGraph.Build(W, 3, g => ban
            ? [(GridGraph.Edge(g, GridGraph.Node(1, 1, W), GridGraph.Node(1, 2, W)), GridGraph.Edge(g, GridGraph.Node(1, 2, W), GridGraph.Node(2, 2, W)))]
            : []);
        var graph = Build(ban: true);
        var router = new Router(graph);
        int from = GridGraph.Node(1, 0, W), to = GridGraph.Node(2, 2, W);
        var banned = (GridGraph.Edge(graph, GridGraph.Node(1, 1, W), GridGraph.Node(1, 2, W)), GridGraph.Edge(graph, GridGraph.Node(1, 2, W), GridGraph.Node(2, 2, W)));
        var route = router.Find(from, to)!;
        for (var i = 0; i + 1 < route.Edges.Count; i++)
            Assert.False(route.Edges[i] == banned.Item1 && route.Edges[i + 1] == banned.Item2, "the route drives the banned turn");
        AssertDrivable(graph, route, from, to);
        Assert.Equal(PlainDijkstra.TravelTime(graph, from, to)!.Value, route.TravelTimeS, 1e-9);
        Assert.Equal(PlainDijkstra.TravelTime(Build(ban: false), from, to)!.Value, new Router(Build(ban: false)).Find(from, to)!.TravelTimeS, 1e-9);
    }

    [Fact]
    public void Find_BetweenTheEndsOfEveryBannedTurnOfTheDemoGraph_NeverDrivesIt()
    {
        var graph = DemoRegion.Graph;
        var router = new Router(graph);
        var banned = graph.BannedTurns.ToHashSet();
        Assert.NotEmpty(banned);
        foreach (var (fromEdge, toEdge) in banned.Take(300))
        {
            var route = router.Find(graph.Edges[fromEdge].From, graph.Edges[toEdge].To);
            if (route is null) continue;
            for (var i = 0; i + 1 < route.Edges.Count; i++)
                Assert.DoesNotContain((route.Edges[i], route.Edges[i + 1]), banned);
        }
    }

    [Fact]
    public void Find_RightTurnAtAJunction_GivesARightManeuverAtThatNodeAndAnEta()
    {
        var graph = GridGraph.Build(3, 2);
        var router = new Router(graph);
        // jams make the L-shaped routes unique: east, east, north (a left turn at (2,0)); back: south, west, west (a right turn)
        var traffic = new TrafficFactors(graph.Edges.Count);
        traffic.Set(GridGraph.Edge(graph, GridGraph.Node(0, 0, 3), GridGraph.Node(0, 1, 3)), 5);
        traffic.Set(GridGraph.Edge(graph, GridGraph.Node(1, 0, 3), GridGraph.Node(1, 1, 3)), 5);
        traffic.Set(GridGraph.Edge(graph, GridGraph.Node(2, 1, 3), GridGraph.Node(1, 1, 3)), 5);
        traffic.Set(GridGraph.Edge(graph, GridGraph.Node(1, 1, 3), GridGraph.Node(1, 0, 3)), 5);
        var route = router.Find(GridGraph.Node(0, 0, 3), GridGraph.Node(2, 1, 3), traffic)!;
        Assert.Equal(3, route.Edges.Count);
        var turn = Assert.Single(route.Maneuvers, m => m.Direction != TurnDirection.Straight);
        Assert.Equal(GridGraph.Node(2, 0, 3), turn.Node);
        Assert.Equal(TurnDirection.Left, turn.Direction);
        Assert.Equal(200, turn.DistanceFromStartM, 0.5);
        var back = router.Find(GridGraph.Node(2, 1, 3), GridGraph.Node(0, 0, 3), traffic)!;
        var right = Assert.Single(back.Maneuvers, m => m.Direction != TurnDirection.Straight);
        Assert.Equal(TurnDirection.Right, right.Direction);
        Assert.Equal(GridGraph.Node(2, 0, 3), right.Node);
        var departure = new DateTimeOffset(2025, 6, 2, 8, 0, 0, TimeSpan.FromHours(2));
        Assert.Equal(departure.AddSeconds(300 / (50 / 3.6)), route.EtaAt(departure), TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public void Find_BetweenPositionsOnTheSameStreet_DrivesOnlyThePartBetweenThem()
    {
        var graph = GridGraph.Build(4, 1);
        var router = new Router(graph);
        var west = graph.Nodes[0].Position;
        var east = graph.Nodes[3].Position;
        var from = new GeoPoint(west.Lat + 0.00005, west.Lon + (east.Lon - west.Lon) * 0.25); // 75 m east, ~5 m north
        var to = new GeoPoint(west.Lat - 0.00005, west.Lon + (east.Lon - west.Lon) * 0.75);   // 225 m east
        var route = router.Find(from, to)!;
        Assert.Equal(150, route.LengthM, 1.0);
        Assert.Equal(150 / (50 / 3.6), route.TravelTimeS, 0.1);
        var reverse = router.Find(to, from)!;
        Assert.Equal(150, reverse.LengthM, 1.0);
        Assert.All(reverse.Edges, e => Assert.True(graph.Edges[e].From > graph.Edges[e].To, "the way back drives the westbound edges"));
    }

    [Fact]
    public void Find_FromEveryDemoNodeToItself_IsEmptyAndZero()
    {
        var router = new Router(DemoRegion.Graph);
        for (var node = 0; node < DemoRegion.Graph.Nodes.Count; node++)
        {
            var route = router.Find(node, node)!;
            Assert.Empty(route.Edges);
            Assert.Equal(0, route.TravelTimeS);
            Assert.Equal(0, router.TravelTimeS(node, node));
        }
    }

    [Fact]
    public void Find_BannedPathViaAWay_TakesTheDetourOnlyWhenTheWholePathWouldBeDriven()
    {
        // a -> b -> c -> d is banned (from way ab via way bc to way cd); the detour a -> e -> d is 100 m longer.
        // Driving two of its three edges is allowed: b -> c -> d and a -> b -> c stay the fastest.
        var o = new GeoPoint(52.43, 13.53);
        GeoPoint At(double eastM, double northM) => new(o.Lat + northM / 111_195.0, o.Lon + eastM / (111_195.0 * Math.Cos(o.Lat * Math.PI / 180)));
        var nodes = new List<RoadNode> { new(0, "a", At(0, 0)), new(1, "b", At(0, 100)), new(2, "c", At(0, 200)), new(3, "d", At(100, 200)), new(4, "e", At(200, 0)) };
        var edges = new List<RoadEdge>();
        int Add(int from, int to, double lengthM)
        {
            edges.Add(new RoadEdge(edges.Count, $"{nodes[from].Id}{nodes[to].Id}", from, to, "residential", null, lengthM, 10, true, 1, [nodes[from].Position, nodes[to].Position]));
            return edges.Count - 1;
        }
        int ab = Add(0, 1, 100), bc = Add(1, 2, 100), cd = Add(2, 3, 100), ae = Add(0, 4, 200), ed = Add(4, 3, 200);
        var open = new RoadGraph(nodes, edges, []);
        var restricted = new RoadGraph(nodes, edges, [], [[ab, bc, cd]]);
        Assert.Equal([ab, bc, cd], new Router(open).Find(0, 3)!.Edges);
        var router = new Router(restricted);
        var detour = router.Find(0, 3)!;
        Assert.Equal([ae, ed], detour.Edges);
        Assert.Equal(40, detour.TravelTimeS, 1e-9);
        Assert.Equal(PlainDijkstra.TravelTime(restricted, 0, 3)!.Value, detour.TravelTimeS, 1e-9);
        Assert.Equal([bc, cd], router.Find(1, 3)!.Edges);
        Assert.Equal([ab, bc], router.Find(0, 2)!.Edges);
        // positions: from the middle of ab to the middle of cd is the banned path too
        var between = router.Find([new EdgePosition(ab, 0.5, default, 0)], [new EdgePosition(cd, 0.5, default, 0)]);
        Assert.Null(between);
        Assert.NotNull(router.Find([new EdgePosition(bc, 0.5, default, 0)], [new EdgePosition(cd, 0.5, default, 0)]));
    }

    [Fact]
    public void Find_DemoGraph_HasNoBannedPaths()
    {
        // SUMO's network has only lane connections between two edges: no restriction spans a third edge. The brute-force
        // comparisons above therefore run over the demo graph with banned turns only, and over grids with banned paths.
        Assert.Empty(DemoRegion.Graph.BannedPaths);
    }

    // count random walks of minEdges..maxEdges edges without U-turns or allowed-turn violations
    private static List<IReadOnlyList<int>> RandomWalks(RoadGraph g, Random random, int count, int minEdges, int maxEdges)
    {
        var walks = new List<IReadOnlyList<int>>();
        while (walks.Count < count)
        {
            var walk = new List<int> { random.Next(g.Edges.Count) };
            int length = random.Next(minEdges, maxEdges + 1);
            while (walk.Count < length)
            {
                var last = walk[^1];
                var options = new List<int>();
                foreach (var next in g.OutEdges(g.Edges[last].To))
                    if (g.Edges[next].To != g.Edges[last].From) options.Add(next);
                walk.Add(options[random.Next(options.Count)]);
            }
            walks.Add(walk);
        }
        return walks;
    }

    private static double Tolerance(double expected) => Math.Max(1e-12, Math.Abs(expected) * 1e-9);

    private static void AssertDrivable(RoadGraph graph, Route route, int from, int to)
    {
        Assert.Equal(from, graph.Edges[route.Edges[0]].From);
        Assert.Equal(to, graph.Edges[route.Edges[^1]].To);
        for (var i = 0; i + 1 < route.Edges.Count; i++)
            Assert.True(graph.IsTurnAllowed(route.Edges[i], route.Edges[i + 1]), $"turn {route.Edges[i]}->{route.Edges[i + 1]} is not allowed");
        foreach (var path in graph.BannedPaths)
            for (var i = 0; i + path.Count <= route.Edges.Count; i++)
                Assert.False(path.SequenceEqual(route.Edges.Skip(i).Take(path.Count)), $"the route drives the banned path {string.Join(',', path)}");
        double sum = 0;
        foreach (var t in route.EdgeTimesS) sum += t;
        Assert.Equal(route.TravelTimeS, sum, Tolerance(sum));
    }
}
