using EdgeAI.Services.Feeds;

namespace EdgeAI.Services.Tests.Feeds;

public class FeedFileTests
{
    private static Feed Parse(string text, FeedKind? kind = null) => FeedFile.Parse(new StringReader(text), "feed.csv", kind);

    [Theory]
    [InlineData("parking.csv", FeedKind.ParkingOccupancy)]
    [InlineData("chargers.csv", FeedKind.ChargerAvailability)]
    [InlineData("traffic.csv", FeedKind.TrafficSpeed)]
    public void CommittedDemoFeeds_RoundTripByteForByte(string name, FeedKind kind)
    {
        string path = TestData.Feed(name);
        var feed = FeedFile.Read(path, kind);
        Assert.Equal(kind, feed.Kind);
        Assert.NotEmpty(feed.Keys);
        Assert.Equal(File.ReadAllText(path), FeedFile.ToCsv(feed));
    }

    [Fact]
    public void TryValueAt_ASampleHoldsUntilTheNext()
    {
        var feed = Parse("# free spaces\ntime,poi,free\n2026-06-12T08:00,p1,40\n2026-06-12T08:05,p2,7\n\n2026-06-12T08:10,p1,35\n");
        Assert.False(feed.TryValueAt("p1", new DateTime(2026, 6, 12, 7, 59, 59), out _, out _));
        Assert.True(feed.TryValueAt("p1", new DateTime(2026, 6, 12, 8, 9, 59), out var v, out var at));
        Assert.Equal((40.0, new DateTime(2026, 6, 12, 8, 0, 0)), (v, at));
        Assert.True(feed.TryValueAt("p1", new DateTime(2026, 6, 12, 8, 10, 0), out v, out _));
        Assert.Equal(35, v);
        Assert.True(feed.TryValueAt("p1", new DateTime(2026, 6, 13), out v, out _));
        Assert.Equal(35, v);
        Assert.False(feed.TryValueAt("p3", new DateTime(2026, 6, 13), out _, out _));
        Assert.Equal(["p1", "p2"], feed.Keys.Order());
    }

    [Fact]
    public void TryValueAt_DoesNotAllocate()
    {
        var feed = FeedFile.Read(TestData.Feed("parking.csv"));
        string key = feed.Keys.First();
        var t = new DateTime(2026, 6, 12, 12, 0, 0);
        feed.TryValueAt(key, t, out _, out _);
        long before = GC.GetAllocatedBytesForCurrentThread();
        double sum = 0;
        for (var i = 0; i < 10_000; i++)
            if (feed.TryValueAt(key, t.AddMinutes(i % 1440), out var v, out _)) sum += v;
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.True(sum > 0);
    }

    [Theory]
    [InlineData("time,poi,occupied\n", "feed.csv:1: expected the header time,poi,free or time,poi,free_points or time,edge,factor")]
    [InlineData("time,poi,free\n2026-06-12T08:00,p1\n", "feed.csv:2: expected 3 fields: time,poi,free")]
    [InlineData("time,poi,free\n2026-06-12 08:00,p1,4\n", "feed.csv:2: time: expected local yyyy-MM-ddTHH:mm[:ss], found '2026-06-12 08:00'")]
    [InlineData("time,poi,free\n2026-06-12T08:00,p1,-4\n", "feed.csv:2: free: expected an integer ≥ 0, found '-4'")]
    [InlineData("time,poi,free_points\n2026-06-12T08:00,c1,1.5\n", "feed.csv:2: free_points: expected an integer ≥ 0, found '1.5'")]
    [InlineData("time,edge,factor\n2026-06-12T08:00,e1,0\n", "feed.csv:2: factor: expected a number above 0 and at most 2, found '0'")]
    [InlineData("time,poi,free\n2026-06-12T08:00,,4\n", "feed.csv:2: poi: expected an id")]
    [InlineData("time,poi,free\n2026-06-12T08:05,p1,4\n2026-06-12T08:00,p2,4\n2026-06-12T08:00,p1,4\n", "feed.csv:4: time: expected a time after 2026-06-12T08:05:00 (line 2, same poi)")]
    [InlineData("# only a comment\n", "feed.csv: empty (expected a header line and rows)")]
    public void Parse_BadLine_OneLineNamingFileLineAndWhatWasExpected(string text, string expected) =>
        Assert.Equal(expected, Assert.Throws<FeedFormatException>(() => Parse(text)).Message);

    [Fact]
    public void Parse_AnotherKindThanExpected_SaysWhichHeader() =>
        Assert.Equal("feed.csv:1: expected the header time,poi,free (a ParkingOccupancy feed), found time,edge,factor",
            Assert.Throws<FeedFormatException>(() => Parse("time,edge,factor\n", FeedKind.ParkingOccupancy)).Message);

    [Fact]
    public void ToCsv_OrdersByTimeThenKey_AndParsesBackTheSame()
    {
        string text = "time,edge,factor\n2026-06-12T08:00,a,0.9\n2026-06-12T08:00,b,1\n2026-06-12T08:15:30,a,0.75\n";
        Assert.Equal(text, FeedFile.ToCsv(Parse(text)));
    }
}

/// <summary>The Adlershof drive's scenario.json names its POIs and feeds under "services"; they exist and read.</summary>
public class ScenarioServicesTests
{
    [Fact]
    public void AdlershofScenario_ServicesSection_NamesFilesThatRead()
    {
        string folder = EdgeAI.TestKit.RepoPaths.Get("models", "scenarios", "adlershof-drive");
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "scenario.json")));
        var services = json.RootElement.GetProperty("services");
        Assert.NotEmpty(EdgeAI.Services.Map.PoiFile.Read(Path.Combine(folder, services.GetProperty("pois").GetString()!)).Pois);
        var feeds = services.GetProperty("feeds");
        Assert.Equal(FeedKind.ParkingOccupancy, FeedFile.Read(Path.Combine(folder, feeds.GetProperty("parking").GetString()!)).Kind);
        Assert.Equal(FeedKind.ChargerAvailability, FeedFile.Read(Path.Combine(folder, feeds.GetProperty("chargers").GetString()!)).Kind);
        Assert.Equal(FeedKind.TrafficSpeed, FeedFile.Read(Path.Combine(folder, feeds.GetProperty("traffic").GetString()!)).Kind);
    }
}
