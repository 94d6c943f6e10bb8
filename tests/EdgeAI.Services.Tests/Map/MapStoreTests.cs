using EdgeAI.Services.Geo;
using EdgeAI.Services.Map;
using EdgeAI.TestKit;
using Microsoft.Data.Sqlite;

namespace EdgeAI.Services.Tests.Map;

public sealed class MapStoreTests
{
    /// <summary>The demo region plus POIs with every detail field set, and with every optional one empty.</summary>
    private static RegionMap AdlershofWithDetailedPois()
    {
        var map = DemoRegion.Map;
        var hu = map.Pois.First(p => p.Id == "HU").Position;
        Poi[] extra =
        [
            new("food-1", PoiKind.Restaurant, "Zur Linde", new GeoPoint(hu.Lat + 0.001, hu.Lon), Generated: true) { Food = new FoodInfo("german;regional", "Mo-Fr 11:00-22:00; PH off", 2, 4.3) },
            new("cafe-1", PoiKind.Cafe, "Café Ohne", new GeoPoint(hu.Lat - 0.0005, hu.Lon + 0.001), Generated: true) { Food = new FoodInfo("coffee_shop", null, 1, null) },
            new("park-1", PoiKind.Parking, "P+R Adlershof", new GeoPoint(hu.Lat, hu.Lon - 0.002), Generated: true) { Parking = new ParkingInfo(240, 1.5, 12, true, 2.1, 8, "24/7") },
            new("park-2", PoiKind.Parking, "Straßenrand", new GeoPoint(hu.Lat + 0.003, hu.Lon - 0.002), Generated: false) { Parking = new ParkingInfo(20, 0, null, false, null, 0, null) },
            new("chg-1", PoiKind.Charger, "HPC Rudower Chaussee", new GeoPoint(hu.Lat - 0.002, hu.Lon + 0.003), Generated: true) { Charger = new ChargerInfo(150, ["ccs", "type2"], 4) },
            new("chg-2", PoiKind.Charger, "AC", new GeoPoint(hu.Lat + 0.02, hu.Lon), Generated: true) { Charger = new ChargerInfo(11, [], 1) },
        ];
        return map with { Pois = [.. map.Pois, .. extra] };
    }

    [Fact]
    public void Write_ThenLoad_AdlershofRoundTripsEveryNodeEdgeTurnSignalAndPoi()
    {
        var map = AdlershofWithDetailedPois();
        using var dir = new TempDirectory();
        MapStore.Write(map, dir.File("a.map.db"));
        using var store = MapStore.Open(dir.File("a.map.db"));
        var back = store.Load();

        Assert.Equal(map.Name, back.Name);
        Assert.Equal(map.Attribution, back.Attribution);
        Assert.Equal(map.Graph.Nodes, back.Graph.Nodes);
        Assert.Equal(map.Graph.Edges.Count, back.Graph.Edges.Count);
        for (int i = 0; i < map.Graph.Edges.Count; i++)
        {
            RoadEdge a = map.Graph.Edges[i], b = back.Graph.Edges[i];
            Assert.Equal(a with { Shape = [] }, b with { Shape = [] });
            Assert.Equal(a.Shape, b.Shape);
        }
        Assert.Equal(map.Graph.BannedTurns.Order(), back.Graph.BannedTurns.Order());
        Assert.Equal(map.Signals.Count, back.Signals.Count);
        for (int i = 0; i < map.Signals.Count; i++)
        {
            TrafficSignal a = map.Signals[i], b = back.Signals[i];
            Assert.Equal(a with { Phases = [], Links = [] }, b with { Phases = [], Links = [] });
            Assert.Equal(a.Phases, b.Phases);
            Assert.Equal(a.Links, b.Links);
        }
        Assert.Equal(map.Pois.Count, back.Pois.Count);
        for (int i = 0; i < map.Pois.Count; i++)
        {
            Poi a = map.Pois[i], b = back.Pois[i];
            Assert.Equal(a with { Charger = null }, b with { Charger = null });
            Assert.Equal(a.Charger is null, b.Charger is null);
            if (a.Charger is null) continue;
            Assert.Equal(a.Charger with { Connectors = [] }, b.Charger! with { Connectors = [] });
            Assert.Equal(a.Charger.Connectors, b.Charger.Connectors);
        }
        Assert.Equal(MapStore.FormatVersion.ToString(System.Globalization.CultureInfo.InvariantCulture), store.Metadata("format_version"));
    }

    [Fact]
    public void PoisNear_EqualsHaversineOverAllPoisOrderedByDistance()
    {
        var map = AdlershofWithDetailedPois();
        using var dir = new TempDirectory();
        MapStore.Write(map, dir.File("a.map.db"));
        using var store = MapStore.Open(dir.File("a.map.db"));
        var hu = map.Pois.First(p => p.Id == "HU").Position;
        foreach (var (at, radius) in new[] { (hu, 300.0), (hu, 1500.0), (new GeoPoint(hu.Lat + 0.005, hu.Lon + 0.01), 800.0), (hu, 5.0) })
            foreach (PoiKind? kind in new PoiKind?[] { null, PoiKind.Parking, PoiKind.Charger, PoiKind.Landmark })
            {
                var expected = map.Pois.Where(p => (kind is null || p.Kind == kind) && GeoPoint.DistanceM(at, p.Position) <= radius)
                    .OrderBy(p => GeoPoint.DistanceM(at, p.Position)).ThenBy(p => p.Id, StringComparer.Ordinal).Select(p => p.Id);
                Assert.Equal(expected, store.PoisNear(at, radius, kind).Select(p => p.Id));
            }
        Assert.Equal(["HU"], store.PoisNear(hu, 5).Select(p => p.Id));
    }

    [Fact]
    public void NearestEdges_EqualsDistanceToEveryEdgeShape()
    {
        var map = DemoRegion.Map;
        using var dir = new TempDirectory();
        MapStore.Write(map, dir.File("a.map.db"));
        using var store = MapStore.Open(dir.File("a.map.db"));
        var random = new Random(13);
        for (int n = 0; n < 25; n++)
        {
            var node = map.Graph.Nodes[random.Next(map.Graph.Nodes.Count)].Position;
            var at = new GeoPoint(node.Lat + (random.NextDouble() - 0.5) * 0.002, node.Lon + (random.NextDouble() - 0.5) * 0.003);
            double radius = 30 + random.NextDouble() * 150;
            var expected = map.Graph.Edges.Select(e => (e.Index, D: MapStore.DistanceToPolylineM(at, e.Shape))).Where(x => x.D <= radius)
                .OrderBy(x => x.D).ThenBy(x => x.Index).Select(x => x.Index);
            var found = store.NearestEdges(at, radius);
            Assert.Equal(expected, found.Select(m => m.Edge.Index));
            Assert.True(found.Zip(found.Skip(1)).All(p => p.First.DistanceM <= p.Second.DistanceM));
        }
    }

    [Fact]
    public void DistanceToPolyline_PointBesideAStraightStreet_IsItsPerpendicularDistance()
    {
        // A street along a parallel; 0.0009° north of it is 100 m (111,195 m per degree of latitude).
        GeoPoint[] street = [new(52.43, 13.53), new(52.43, 13.54)];
        Assert.Equal(100.08, MapStore.DistanceToPolylineM(new GeoPoint(52.4309, 13.535), street), 1);
        // Beyond the end: the distance to the end point.
        Assert.Equal(GeoPoint.DistanceM(new GeoPoint(52.43, 13.545), street[1]), MapStore.DistanceToPolylineM(new GeoPoint(52.43, 13.545), street), 0);
    }

    [Fact]
    public void Engine_BundledSqliteHasRtree()
    {
        Assert.True(MapStore.HasRtree, $"SQLite {MapStore.SqliteVersion} has no R*Tree module");
        Assert.Matches(@"^3\.\d+\.\d+$", MapStore.SqliteVersion);
    }

    [Fact]
    public void Open_TextFile_FailsWithOneLineNamingTheFile()
    {
        using var dir = new TempDirectory();
        string path = dir.File("notes.db");
        File.WriteAllText(path, "this is not a database, just some text that is long enough to fill a header page.\n".PadRight(2048, 'x'));
        var e = Assert.Throws<MapFormatException>(() => MapStore.Open(path));
        Assert.StartsWith(path + ": expected an EdgeAI map store", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_ForeignSqliteFile_IsRefusedAsNotAMapStore()
    {
        using var dir = new TempDirectory();
        string path = dir.File("other.db");
        using (var db = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            db.Open();
            using var cmd = db.CreateCommand();
            cmd.CommandText = "CREATE TABLE t (x)";
            cmd.ExecuteNonQuery();
        }
        var e = Assert.Throws<MapFormatException>(() => MapStore.Open(path));
        Assert.StartsWith(path + ": not an EdgeAI map store", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_OtherFormatVersion_IsRefusedNamingBothVersions()
    {
        using var dir = new TempDirectory();
        string path = dir.File("old.map.db");
        MapStore.Write(new RegionMap("tiny", "test", new RoadGraph([], [], []), [], []), path);
        using (var db = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            db.Open();
            using var cmd = db.CreateCommand();
            cmd.CommandText = "PRAGMA user_version=99";
            cmd.ExecuteNonQuery();
        }
        var e = Assert.Throws<MapFormatException>(() => MapStore.Open(path));
        Assert.Equal($"{path}: map store format 99, expected {MapStore.FormatVersion}; import the region again (edgeai map import)", e.Message);
    }

    [Fact]
    public void Open_MissingFile_NamesIt()
    {
        var e = Assert.Throws<MapFormatException>(() => MapStore.Open("/nonexistent/x.map.db"));
        Assert.StartsWith("/nonexistent/x.map.db: no such file", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_FailingMidway_LeavesTheOldFileAndNoTemporaryFile()
    {
        using var dir = new TempDirectory();
        string path = dir.File("a.map.db");
        var good = new RegionMap("tiny", "test", new RoadGraph([], [], []), [], [new Poi("p", PoiKind.Landmark, "P", new GeoPoint(52, 13), false)]);
        MapStore.Write(good, path);
        byte[] before = File.ReadAllBytes(path);
        // A POI without a name violates the schema's NOT NULL after the nodes and edges are written.
        var bad = good with { Pois = [new Poi("q", PoiKind.Landmark, null!, new GeoPoint(52, 13), false)] };
        Assert.Throws<SqliteException>(() => MapStore.Write(bad, path));
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal(["a.map.db"], Directory.EnumerateFiles(dir.Path).Select(Path.GetFileName));
    }
}
