using EdgeAI.Inference.Models;
using EdgeAI.TestKit;

namespace EdgeAI.Cli.Tests.Map;

public sealed class MapCommandTests
{
    private const string Crossroads = """
        <osm version="0.6">
          <node id="1" lat="52.0000" lon="13.0000"/>
          <node id="2" lat="52.0010" lon="13.0000"><tag k="highway" v="traffic_signals"/></node>
          <node id="3" lat="52.0020" lon="13.0000"/>
          <node id="4" lat="52.0005" lon="13.0005"><tag k="amenity" v="parking"/><tag k="capacity" v="40"/></node>
          <way id="10"><nd ref="1"/><nd ref="2"/><nd ref="3"/><tag k="highway" v="residential"/><tag k="name" v="Nord"/></way>
        </osm>
        """;

    [Fact]
    public void Import_OsmFile_WritesAStoreThatInfoDescribes()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("town.osm"), Crossroads);
        var (code, stdout, stderr) = CliRunner.Run("map", "import", dir.File("town.osm"), "--out", dir.File("town.map.db"));
        Assert.Equal(0, code);
        Assert.Equal("", stderr);
        Assert.StartsWith($"{dir.File("town.map.db")}: town: 2 nodes, 2 edges, 0 banned turns, 1 signals, 1 POIs", stdout, StringComparison.Ordinal);

        var info = CliRunner.Run("map", "info", dir.File("town.map.db"), "--json");
        Assert.Equal(0, info.ExitCode);
        using var json = System.Text.Json.JsonDocument.Parse(info.StdOut);
        var root = json.RootElement;
        Assert.Equal("town", root.GetProperty("name").GetString());
        Assert.Equal("© OpenStreetMap contributors (ODbL)", root.GetProperty("attribution").GetString());
        Assert.Equal(2, root.GetProperty("edges").GetInt32());
        Assert.Equal(1, root.GetProperty("pois").GetProperty("parking").GetInt32());
        Assert.True(root.GetProperty("rtree").GetBoolean());
        Assert.Equal([52.0, 13.0, 52.002, 13.0005], root.GetProperty("bbox").EnumerateArray().Select(v => v.GetDouble()));
    }

    [Theory]
    [InlineData("missing.osm", null, "missing.osm: no such file (expected OSM XML)")]
    [InlineData("region.shp", "x", "region.shp: unknown extension (expected .osm, .osm.pbf, .geojson or .net.xml)")]
    [InlineData("bad.osm", "<osm><node id=\"1\"/></osm>", "bad.osm:1: expected a number lat on <node>")]
    [InlineData("bad.geojson", "{\"features\": 3}", "bad.geojson: expected a GeoJSON FeatureCollection with a features array")]
    [InlineData("region.osm.pbf", "x", "region.osm.pbf: byte 0: the file ends inside a blob header length (it may be cut)")]
    public void Import_BadInput_OneLineNamingTheFileExit2AndNothingAtOut(string name, string? content, string expected)
    {
        using var dir = new TempDirectory();
        string file = dir.File(name);
        if (content is not null) File.WriteAllText(file, content);
        var (code, stdout, stderr) = CliRunner.Run("map", "import", file, "--out", dir.File("out.map.db"));
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.StartsWith("edgeai: " + dir.File(expected), stderr, StringComparison.Ordinal);
        Assert.Single(stderr.TrimEnd().Split('\n'));
        Assert.False(File.Exists(dir.File("out.map.db")));
        Assert.Empty(Directory.EnumerateFiles(dir.Path, "out.map.db*"));
    }

    [Fact]
    public void Info_NotAMapStore_OneLineExit2()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("notes.db"), "hello");
        var (code, _, stderr) = CliRunner.Run("map", "info", dir.File("notes.db"));
        Assert.Equal(2, code);
        Assert.StartsWith($"edgeai: {dir.File("notes.db")}: expected an EdgeAI map store", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Info_WithoutAFile_BuildsTheDemoRegionOnceAndRebuildsWhenASourceIsNewer()
    {
        string source = Path.Combine(ModelCache.DefaultRoot, "sumo-adlershof");
        if (!File.Exists(Path.Combine(source, "osm.net.xml"))) Assert.Skip($"{source}/osm.net.xml is missing: run ./test.sh (or edgeai models fetch sumo-adlershof)");
        using var dir = new TempDirectory();
        string region = Path.Combine(dir.Path, "sumo-adlershof");
        Directory.CreateDirectory(region);
        foreach (var f in new[] { "osm.net.xml", "drt.pois.xml" }) File.Copy(Path.Combine(source, f), Path.Combine(region, f));

        var (code, stdout, _) = CliRunner.Run("map", "info", "--cache", dir.Path);
        Assert.Equal(0, code);
        Assert.Contains("name:         Berlin-Adlershof", stdout, StringComparison.Ordinal);
        Assert.Contains("edges:        740", stdout, StringComparison.Ordinal);
        Assert.Contains("signals:      14", stdout, StringComparison.Ordinal);
        Assert.Contains("landmark 8", stdout, StringComparison.Ordinal);
        Assert.Contains("R*Tree yes", stdout, StringComparison.Ordinal);
        string store = Path.Combine(region, "adlershof.map.db");
        var built = File.GetLastWriteTimeUtc(store);

        // Up to date: not rewritten. A newer source: rebuilt (file times set explicitly, no waiting).
        File.SetLastWriteTimeUtc(store, built.AddHours(1));
        Assert.Equal(0, CliRunner.Run("map", "info", "--cache", dir.Path).ExitCode);
        Assert.Equal(built.AddHours(1), File.GetLastWriteTimeUtc(store));
        File.SetLastWriteTimeUtc(Path.Combine(region, "drt.pois.xml"), built.AddHours(2));
        Assert.Equal(0, CliRunner.Run("map", "info", "--cache", dir.Path).ExitCode);
        Assert.NotEqual(built.AddHours(1), File.GetLastWriteTimeUtc(store));
    }

    [Fact]
    public void Info_WithoutAFileOrCachedRegion_SaysWhatToFetch()
    {
        using var dir = new TempDirectory();
        var (code, _, stderr) = CliRunner.Run("map", "info", "--cache", dir.Path);
        Assert.Equal(2, code);
        Assert.Equal($"edgeai: {Path.Combine(dir.Path, "sumo-adlershof", "osm.net.xml")}: missing (fetch the demo region: edgeai models fetch sumo-adlershof)", stderr.TrimEnd());
    }
}
