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
    public void Find_WithLandmarksOnAGridWithBannedTurnsAndFactorsBelowOne_MatchesPlainDijkstraAndTheStraightLineSearch()
    {
        // landmark bounds come from the node graph without turn restrictions and free-flow times: here turns are banned
        // and traffic both slows and speeds edges up, which the bounds must survive without overestimating
        var random = new Random(21);
        var graph = GridGraph.Build(20, 20, g =>
        {
            var bans = new List<(int, int)>();
            for (var e = 0; e < g.Edges.Count; e++)
                foreach (var next in g.OutEdges(g.Edges[e].To))
                    if (g.Edges[next].To != g.Edges[e].From && random.NextDouble() < 0.15) bans.Add((e, next));
            return bans;
        });
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
        var from = new EdgeAI.Services.Geo.GeoPoint(west.Lat + 0.00005, west.Lon + (east.Lon - west.Lon) * 0.25); // 75 m east, ~5 m north
        var to = new EdgeAI.Services.Geo.GeoPoint(west.Lat - 0.00005, west.Lon + (east.Lon - west.Lon) * 0.75);   // 225 m east
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

    private static double Tolerance(double expected) => Math.Max(1e-12, Math.Abs(expected) * 1e-9);

    private static void AssertDrivable(RoadGraph graph, Route route, int from, int to)
    {
        Assert.Equal(from, graph.Edges[route.Edges[0]].From);
        Assert.Equal(to, graph.Edges[route.Edges[^1]].To);
        for (var i = 0; i + 1 < route.Edges.Count; i++)
            Assert.True(graph.IsTurnAllowed(route.Edges[i], route.Edges[i + 1]), $"turn {route.Edges[i]}->{route.Edges[i + 1]} is not allowed");
        double sum = 0;
        foreach (var t in route.EdgeTimesS) sum += t;
        Assert.Equal(route.TravelTimeS, sum, Tolerance(sum));
    }
}
