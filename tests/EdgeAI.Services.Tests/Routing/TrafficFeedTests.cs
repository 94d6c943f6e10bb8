using EdgeAI.Services.Feeds;
using EdgeAI.Services.Routing;
using EdgeAI.TestKit;

namespace EdgeAI.Services.Tests.Routing;

/// <summary>The demo traffic feed (speed factors per edge over the day) as travel-time factors for the router.</summary>
public sealed class TrafficFeedTests
{
    private static Feed Traffic => FeedFile.Read(RepoPaths.Get("models", "maps", "adlershof", "feeds", "traffic.csv"), FeedKind.TrafficSpeed);

    [Fact]
    public void FromFeed_RushHour_SlowsTheFedEdgesByTheInverseOfTheirSpeedFactor()
    {
        var graph = DemoRegion.Graph;
        var rush = TrafficFactors.FromFeed(Traffic, graph, new DateTime(2026, 6, 12, 8, 0, 0));
        int slowed = 0;
        for (int i = 0; i < graph.Edges.Count; i++)
        {
            if (Traffic.TryValueAt(graph.Edges[i].Id, new DateTime(2026, 6, 12, 8, 0, 0), out var speed, out _))
            {
                Assert.Equal(1 / speed, rush.Factor(i), 12);
                if (speed < 1) slowed++;
            }
            else Assert.Equal(1, rush.Factor(i));
        }
        Assert.True(slowed > 0, "the feed slows no edge at 08:00");
    }

    [Fact]
    public void Route_InTheRushHour_TakesAtLeastAsLongAsAtNight()
    {
        var graph = DemoRegion.Graph;
        var router = new Router(graph);
        var night = TrafficFactors.FromFeed(Traffic, graph, new DateTime(2026, 6, 12, 3, 0, 0));
        var rush = TrafficFactors.FromFeed(Traffic, graph, new DateTime(2026, 6, 12, 8, 0, 0));
        var from = new Geo.GeoPoint(52.426692, 13.521334);
        var to = new Geo.GeoPoint(52.435970, 13.542850);
        double free = router.Find(from, to)!.TravelTimeS, atNight = router.Find(from, to, night)!.TravelTimeS, inRush = router.Find(from, to, rush)!.TravelTimeS;
        Assert.True(inRush > atNight, $"rush {inRush:F1} s, night {atNight:F1} s");
        Assert.True(atNight >= free - 1e-9);
    }
}
