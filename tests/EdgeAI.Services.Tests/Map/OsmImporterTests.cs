using System.Text;
using System.Text.Json;
using System.Xml;
using EdgeAI.Services.Geo;
using EdgeAI.Services.Map;
using EdgeAI.TestKit;

namespace EdgeAI.Services.Tests.Map;

public sealed class OsmImporterTests
{
    /// <summary>
    /// Three Rivers, Michigan: iD's walkthrough data (npm @openstreetmap/id 2.42.2, data/intro_graph.json, fetched into
    /// the cache as osm-three-rivers), written out as OSM XML and imported the way a user's .osm file is.
    /// </summary>
    private static readonly Lazy<RegionMap> ThreeRivers = new(() =>
    {
        string json = Path.Combine(Path.GetDirectoryName(DemoRegion.Folder)!, "osm-three-rivers", "intro_graph.json");
        using var dir = new TempDirectory();
        string osm = dir.File("three-rivers.osm");
        IntroGraphToOsmXml(json, osm);
        return OsmImporter.Import(osm);
    });

    [Fact]
    public void Import_ThreeRiversAsPbfWrittenByOsmium_SameMapAsFromXml()
    {
        var xml = Rivers();
        using var dir = new TempDirectory();
        string osm = dir.File("three-rivers.osm"), pbf = dir.File("three-rivers.osm.pbf");
        IntroGraphToOsmXml(Path.Combine(Path.GetDirectoryName(DemoRegion.Folder)!, "osm-three-rivers", "intro_graph.json"), osm);
        if (ExternalTool.MissingProgramReason("osmium", "osmium-tool") is { } why) Assert.Skip(why);
        // osmium (libosmium) writes the PBF: dense nodes, zlib blobs, string tables, as extracts are published.
        ExternalTool.Run("osmium", ["cat", osm, "-o", pbf, "--overwrite"]);
        var map = OsmImporter.Import(pbf);
        Assert.Equal(xml.Graph.Nodes.Count, map.Graph.Nodes.Count);
        Assert.Equal(xml.Graph.Edges.Select(e => (e.Id, e.Name, e.OneWay, e.SpeedLimitMps, e.RoadClass)), map.Graph.Edges.Select(e => (e.Id, e.Name, e.OneWay, e.SpeedLimitMps, e.RoadClass)));
        for (int i = 0; i < map.Graph.Edges.Count; i++)
            Assert.Equal(xml.Graph.Edges[i].LengthM, map.Graph.Edges[i].LengthM, 3); // PBF keeps 100 nanodegrees
        Assert.Equal(xml.Signals.Select(s => s.Id), map.Signals.Select(s => s.Id));
        Assert.Equal(xml.Pois.Select(p => (p.Id, p.Kind, p.Name, p.Food, p.Parking)), map.Pois.Select(p => (p.Id, p.Kind, p.Name, p.Food, p.Parking)));
    }

    [Fact]
    public void Import_PbfCutMidBlob_OneLineWithTheByteOffset()
    {
        Rivers();
        using var dir = new TempDirectory();
        string osm = dir.File("r.osm"), pbf = dir.File("r.osm.pbf"), cut = dir.File("cut.osm.pbf");
        IntroGraphToOsmXml(Path.Combine(Path.GetDirectoryName(DemoRegion.Folder)!, "osm-three-rivers", "intro_graph.json"), osm);
        if (ExternalTool.MissingProgramReason("osmium", "osmium-tool") is { } why) Assert.Skip(why);
        ExternalTool.Run("osmium", ["cat", osm, "-o", pbf, "--overwrite"]);
        var bytes = File.ReadAllBytes(pbf);
        File.WriteAllBytes(cut, bytes[..(bytes.Length - 100)]);
        var e = Assert.Throws<MapFormatException>(() => OsmImporter.Import(cut));
        Assert.Matches(@"^.*cut\.osm\.pbf: byte \d+: the file ends inside a blob \(it may be cut\)$", e.Message);
        File.WriteAllBytes(cut, "<osm/>"u8.ToArray());
        Assert.Contains("expected an OSM PBF blob header", Assert.Throws<MapFormatException>(() => OsmImporter.Import(cut)).Message);
    }

    private static RegionMap Rivers()
    {
        string json = Path.Combine(Path.GetDirectoryName(DemoRegion.Folder)!, "osm-three-rivers", "intro_graph.json");
        if (!File.Exists(json)) Assert.Skip($"{json} is missing: run ./test.sh (or edgeai models fetch osm-three-rivers)");
        return ThreeRivers.Value;
    }

    /// <summary>iD's graph JSON ({"n1": {loc: [lon, lat], tags}, "w1": {nodes, tags}, "r1": {members, tags}}) as OSM XML.</summary>
    private static void IntroGraphToOsmXml(string json, string osm)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(json));
        using var xml = XmlWriter.Create(osm, new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false) });
        xml.WriteStartElement("osm");
        xml.WriteAttributeString("version", "0.6");
        foreach (char kind in "nwr")
            foreach (var entity in doc.RootElement.EnumerateObject().Where(e => e.Name[0] == kind))
            {
                var e = entity.Value;
                string id = e.GetProperty("id").GetString()![1..];
                xml.WriteStartElement(kind switch { 'n' => "node", 'w' => "way", _ => "relation" });
                xml.WriteAttributeString("id", id);
                if (kind == 'n')
                {
                    var loc = e.GetProperty("loc");
                    xml.WriteAttributeString("lat", loc[1].GetRawText());
                    xml.WriteAttributeString("lon", loc[0].GetRawText());
                }
                if (e.TryGetProperty("nodes", out var nds))
                    foreach (var nd in nds.EnumerateArray())
                    {
                        xml.WriteStartElement("nd");
                        xml.WriteAttributeString("ref", nd.GetString()![1..]);
                        xml.WriteEndElement();
                    }
                if (e.TryGetProperty("members", out var members))
                    foreach (var m in members.EnumerateArray())
                    {
                        xml.WriteStartElement("member");
                        xml.WriteAttributeString("type", m.GetProperty("type").GetString());
                        xml.WriteAttributeString("ref", m.GetProperty("id").GetString()![1..]);
                        xml.WriteAttributeString("role", m.GetProperty("role").GetString());
                        xml.WriteEndElement();
                    }
                if (e.TryGetProperty("tags", out var tags))
                    foreach (var t in tags.EnumerateObject())
                    {
                        xml.WriteStartElement("tag");
                        xml.WriteAttributeString("k", t.Name);
                        xml.WriteAttributeString("v", t.Value.GetString());
                        xml.WriteEndElement();
                    }
                xml.WriteEndElement();
            }
        xml.WriteEndElement();
    }

    [Fact]
    public void Import_ThreeRivers_HasTheDrivableWaysSplitAtJunctions()
    {
        var map = Rivers();
        // Counted by hand from intro_graph.json: 89 ways motorway..living_street (71 residential, 9 secondary,
        // 6 primary, 2 tertiary, 1 unclassified; the 96 service ways and footways are not drivable), split at nodes
        // shared with another drivable way into 266 segments on 179 nodes; 4 one-way ways give 528 directed edges.
        Assert.Equal(179, map.Graph.Nodes.Count);
        Assert.Equal(528, map.Graph.Edges.Count);
        Assert.Equal("three-rivers", map.Name);
        Assert.Equal("© OpenStreetMap contributors (ODbL)", map.Attribution);
        Assert.Equal(0, map.Graph.BannedTurnCount);
    }

    [Fact]
    public void Import_ThreeRivers_FosterStreetIsOneWayAtTheResidentialDefault()
    {
        var map = Rivers();
        // Foster Street: ways w138 and w447 are residential, oneway=yes, no maxspeed (its third way, w137, runs both ways).
        var foster = map.Graph.Edges.Where(e => e.Id.StartsWith("w138:", StringComparison.Ordinal) || e.Id.StartsWith("w447:", StringComparison.Ordinal)).ToList();
        Assert.All(foster, e => Assert.Equal("Foster Street", e.Name));
        Assert.NotEmpty(foster);
        Assert.All(foster, e => Assert.True(e.OneWay));
        Assert.All(foster, e => Assert.EndsWith("+", e.Id, StringComparison.Ordinal));
        Assert.All(foster, e => Assert.Equal(50 / 3.6, e.SpeedLimitMps, 9));
        Assert.All(foster, e => Assert.Equal("residential", e.RoadClass));
        // Michigan Avenue (primary and secondary, no oneway tag) runs both ways.
        var michigan = map.Graph.Edges.Where(e => e.Name == "Michigan Avenue").ToList();
        Assert.Contains(michigan, e => e.Id.EndsWith('-'));
        Assert.All(michigan, e => Assert.False(e.OneWay));
    }

    [Fact]
    public void Import_ThreeRivers_HasItsFourSignalsAndItsParkingAndFood()
    {
        var map = Rivers();
        // n1642, n1834 (the fire station's emergency signal), n2410, n2748: all on drivable ways.
        Assert.Equal(["n1642", "n1834", "n2410", "n2748"], map.Signals.Select(s => s.Id));
        Assert.All(map.Signals, s => Assert.NotEmpty(s.ApproachEdges));
        Assert.All(map.Signals, s => Assert.Empty(s.Phases));
        // 38 parking areas (closed ways), 2 restaurants and 2 cafés (nodes).
        Assert.Equal(38, map.Pois.Count(p => p.Kind == PoiKind.Parking));
        Assert.Equal(2, map.Pois.Count(p => p.Kind == PoiKind.Restaurant));
        Assert.Equal(2, map.Pois.Count(p => p.Kind == PoiKind.Cafe));
        var pizza = map.Pois.Single(p => p.Name == "Pizza Hut");
        Assert.Equal("pizza", pizza.Food!.Cuisine);
        Assert.All(map.Pois, p => Assert.False(p.Generated));
    }

    [Fact]
    public void Import_ThreeRivers_EdgesFollowTheirShapesAndRoundTripThroughTheStore()
    {
        var map = Rivers();
        foreach (var e in map.Graph.Edges)
        {
            Assert.Equal(map.Graph.Nodes[e.From].Position, e.Shape[0]);
            Assert.Equal(map.Graph.Nodes[e.To].Position, e.Shape[^1]);
            Assert.True(e.LengthM >= GeoPoint.DistanceM(e.Shape[0], e.Shape[^1]) - 1e-6, e.Id);
        }
        // Everything is inside Three Rivers (about 41.94 N, 85.63 W).
        Assert.All(map.Graph.Nodes, n => Assert.InRange(GeoPoint.DistanceM(n.Position, new GeoPoint(41.944, -85.633)), 0, 5000));
        using var dir = new TempDirectory();
        MapStore.Write(map, dir.File("tr.map.db"));
        using var store = MapStore.Open(dir.File("tr.map.db"));
        var back = store.Load();
        Assert.Equal(map.Graph.Nodes, back.Graph.Nodes);
        Assert.Equal(map.Pois.Select(p => p with { }), back.Pois);
    }

    private const string Crossroads = """
        <osm version="0.6">
          <node id="1" lat="52.0000" lon="13.0000"/>
          <node id="2" lat="52.0010" lon="13.0000"><tag k="highway" v="traffic_signals"/></node>
          <node id="3" lat="52.0020" lon="13.0000"/>
          <node id="4" lat="52.0010" lon="12.9990"/>
          <node id="5" lat="52.0010" lon="13.0010"/>
          <node id="6" lat="52.0030" lon="13.0000"/>
          <node id="7" lat="52.0040" lon="13.0000"/>
          <node id="8" lat="52.0005" lon="13.0005"><tag k="amenity" v="charging_station"/><tag k="socket:type2" v="2"/><tag k="socket:type2:output" v="22 kW"/><tag k="socket:ccs" v="1"/><tag k="socket:ccs:output" v="150 kW"/><tag k="name" v="Lader"/></node>
          <node id="9" lat="52.0006" lon="13.0006"><tag k="amenity" v="parking"/><tag k="parking" v="underground"/><tag k="capacity" v="120"/><tag k="maxheight" v="2.1"/><tag k="fee" v="no"/></node>
          <way id="10"><nd ref="1"/><nd ref="2"/><nd ref="3"/><tag k="highway" v="primary"/><tag k="maxspeed" v="30 mph"/><tag k="name" v="Nord"/></way>
          <way id="11"><nd ref="4"/><nd ref="2"/><nd ref="5"/><tag k="highway" v="residential"/><tag k="maxspeed" v="DE:urban"/></way>
          <way id="12"><nd ref="3"/><nd ref="6"/><tag k="highway" v="motorway"/></way>
          <way id="13"><nd ref="6"/><nd ref="7"/><tag k="highway" v="tertiary"/><tag k="oneway" v="-1"/><tag k="maxspeed" v="DE:rural"/></way>
          <way id="14"><nd ref="1"/><nd ref="4"/><tag k="highway" v="footway"/></way>
          <relation id="20"><member type="way" ref="10" role="from"/><member type="node" ref="2" role="via"/><member type="way" ref="11" role="to"/><tag k="type" v="restriction"/><tag k="restriction" v="no_left_turn"/></relation>
          <relation id="21"><member type="way" ref="11" role="from"/><member type="node" ref="2" role="via"/><member type="way" ref="10" role="to"/><tag k="type" v="restriction"/><tag k="restriction" v="only_straight_on"/></relation>
        </osm>
        """;

    private static RegionMap ImportText(string text, string name)
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File(name), text);
        return OsmImporter.Import(dir.File(name));
    }

    [Fact]
    public void Import_Crossroads_ReadsSpeedsOneWaysRestrictionsSignalsAndPois()
    {
        var map = ImportText(Crossroads, "x.osm");
        var g = map.Graph;
        RoadEdge Edge(string id) => g.Edges.Single(e => e.Id == id);
        Assert.Equal(30 * 0.44704, Edge("w10:0+").SpeedLimitMps, 9);
        Assert.Equal(50 / 3.6, Edge("w11:0+").SpeedLimitMps, 9);
        Assert.Equal(100 / 3.6, Edge("w13:0-").SpeedLimitMps, 9);
        // motorway: one-way implied; oneway=-1: only against the drawing direction; footways are not drivable.
        Assert.DoesNotContain(g.Edges, e => e.Id is "w12:0-" or "w13:0+" || e.Id.StartsWith("w14", StringComparison.Ordinal));
        Assert.True(Edge("w12:0+").OneWay);
        // no_left_turn from Nord (northbound into node 2) into way 11; only_straight_on from way 11 (both approaches) into way 10.
        Assert.False(g.IsTurnAllowed(Edge("w10:0+").Index, Edge("w11:0-").Index));
        Assert.True(g.IsTurnAllowed(Edge("w10:1+").Index, Edge("w12:0+").Index));
        Assert.False(g.IsTurnAllowed(Edge("w11:0+").Index, Edge("w11:1+").Index));
        Assert.True(g.IsTurnAllowed(Edge("w11:0+").Index, Edge("w10:1+").Index));
        var signal = Assert.Single(map.Signals);
        Assert.Equal("n2", signal.Id);
        Assert.Equal(4, signal.ApproachEdges.Count());
        Assert.DoesNotContain(signal.Links, l => l.FromEdge == Edge("w10:0+").Index && l.ToEdge == Edge("w11:0-").Index);
        var charger = map.Pois.Single(p => p.Kind == PoiKind.Charger);
        Assert.Equal("Lader", charger.Name);
        Assert.Equal(150, charger.Charger!.PowerKw);
        Assert.Equal(["ccs", "type2"], charger.Charger.Connectors);
        Assert.Equal(3, charger.Charger.Points);
        var parking = map.Pois.Single(p => p.Kind == PoiKind.Parking).Parking!;
        Assert.Equal(new ParkingInfo(120, 0, null, true, 2.1, 0, null), parking);
    }

    [Fact]
    public void Import_RestrictionsViaAWay_BanThePathAndTheRouterDetours()
    {
        // A ladder: way 30 (1-2) north, way 31 (2-3) east, way 32 (3-4) south; the long way round is way 33 (1-5-4).
        // no_u_turn from 30 via 31 to 32 bans 1-2-3-4; only_straight_on from 34 (6-2) via 31 to 35 (3-7) bans, after
        // 6-2-3, every exit at 3 but 35 (and the way back along 31).
        const string osm = """
            <osm version="0.6">
              <node id="1" lat="52.0000" lon="13.0000"/>
              <node id="2" lat="52.0010" lon="13.0000"/>
              <node id="3" lat="52.0010" lon="13.0010"/>
              <node id="4" lat="52.0000" lon="13.0010"/>
              <node id="5" lat="51.9990" lon="13.0005"/>
              <node id="6" lat="52.0020" lon="13.0000"/>
              <node id="7" lat="52.0010" lon="13.0020"/>
              <way id="30"><nd ref="1"/><nd ref="2"/><tag k="highway" v="residential"/><tag k="oneway" v="yes"/></way>
              <way id="31"><nd ref="2"/><nd ref="3"/><tag k="highway" v="residential"/></way>
              <way id="32"><nd ref="3"/><nd ref="4"/><tag k="highway" v="residential"/><tag k="oneway" v="yes"/></way>
              <way id="33"><nd ref="1"/><nd ref="5"/><nd ref="4"/><tag k="highway" v="residential"/><tag k="oneway" v="yes"/></way>
              <way id="34"><nd ref="6"/><nd ref="2"/><tag k="highway" v="residential"/><tag k="oneway" v="yes"/></way>
              <way id="35"><nd ref="3"/><nd ref="7"/><tag k="highway" v="residential"/><tag k="oneway" v="yes"/></way>
              <relation id="40"><member type="way" ref="30" role="from"/><member type="way" ref="31" role="via"/><member type="way" ref="32" role="to"/><tag k="type" v="restriction"/><tag k="restriction" v="no_u_turn"/></relation>
              <relation id="41"><member type="way" ref="34" role="from"/><member type="way" ref="31" role="via"/><member type="way" ref="35" role="to"/><tag k="type" v="restriction"/><tag k="restriction" v="only_straight_on"/></relation>
            </osm>
            """;
        var map = ImportText(osm, "ladder.osm");
        var g = map.Graph;
        int Edge(string id) => g.Edges.Single(e => e.Id == id).Index;
        int Node(string id) => g.Nodes.Single(n => n.Id == id).Index;
        var paths = g.BannedPaths.Select(p => string.Join(' ', p.Select(e => g.Edges[e].Id))).Order().ToList();
        Assert.Equal(["w30:0+ w31:0+ w32:0+", "w34:0+ w31:0+ w32:0+"], paths);
        Assert.True(g.IsTurnAllowed(Edge("w34:0+"), Edge("w31:0+")));
        var router = new EdgeAI.Services.Routing.Router(g);
        var route = router.Find(Node("n1"), Node("n4"))!;
        Assert.Equal(["w33:0+"], route.Edges.Select(e => g.Edges[e].Id));
        Assert.Equal(["w31:0+", "w32:0+"], router.Find(Node("n2"), Node("n4"))!.Edges.Select(e => g.Edges[e].Id));
        // only the exact sequence is banned: a U-turn at node 3 and back breaks it (OSM has no U-turn ban here)
        Assert.Equal(["w34:0+", "w31:0+", "w31:0-", "w31:0+", "w32:0+"], router.Find(Node("n6"), Node("n4"))!.Edges.Select(e => g.Edges[e].Id));
        Assert.Equal(["w34:0+", "w31:0+", "w35:0+"], router.Find(Node("n6"), Node("n7"))!.Edges.Select(e => g.Edges[e].Id));
        // the store keeps banned paths
        using var dir = new TempDirectory();
        MapStore.Write(map, dir.File("ladder.map.db"));
        using var store = MapStore.Open(dir.File("ladder.map.db"));
        Assert.Equal(paths, store.Load().Graph.BannedPaths.Select(p => string.Join(' ', p.Select(e => g.Edges[e].Id))).Order().ToList());
    }

    [Fact]
    public void Import_GeoJson_JoinsLinesAtSharedPointsAndReadsPointPois()
    {
        const string geojson = """
            {"type": "FeatureCollection", "features": [
              {"type": "Feature", "properties": {"highway": "residential", "name": "A", "oneway": "yes", "maxspeed": 30},
               "geometry": {"type": "LineString", "coordinates": [[13.0, 52.0], [13.0, 52.001], [13.0, 52.002]]}},
              {"type": "Feature", "properties": {"highway": "secondary"},
               "geometry": {"type": "LineString", "coordinates": [[12.999, 52.001], [13.0, 52.001], [13.001, 52.001]]}},
              {"type": "Feature", "properties": {"highway": "traffic_signals"}, "geometry": {"type": "Point", "coordinates": [13.0, 52.001]}},
              {"type": "Feature", "properties": {"amenity": "cafe", "name": "Ecke", "opening_hours": "Mo-Fr 08:00-18:00"}, "geometry": {"type": "Point", "coordinates": [13.0002, 52.0012]}}
            ]}
            """;
        var map = ImportText(geojson, "g.geojson");
        Assert.Equal(5, map.Graph.Nodes.Count);
        Assert.Equal(2 + 4, map.Graph.Edges.Count);
        Assert.All(map.Graph.Edges.Where(e => e.Name == "A"), e => Assert.Equal(30 / 3.6, e.SpeedLimitMps, 9));
        // Approaches: A northbound (one-way) and the secondary road from both sides.
        Assert.Equal(3, Assert.Single(map.Signals).ApproachEdges.Count());
        var cafe = Assert.Single(map.Pois);
        Assert.Equal(new FoodInfo("", "Mo-Fr 08:00-18:00", 0, null), cafe.Food);
    }

    [Theory]
    [InlineData("region.osm.pbf", "region.osm.pbf: no such file (expected OSM PBF)")]
    [InlineData("region.shp", "region.shp: unknown extension (expected .osm, .osm.pbf or .geojson)")]
    public void Import_UnsupportedFile_NamesItAndWhatWasExpected(string file, string message)
    {
        var e = Assert.Throws<MapFormatException>(() => OsmImporter.Import(file));
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void Import_BrokenXml_NamesTheFileAndLine()
    {
        var e = Assert.Throws<MapFormatException>(() => ImportText("<osm>\n<node id=\"1\" lat=\"x\" lon=\"2\"/>\n</osm>", "b.osm"));
        Assert.Equal(2, e.Line);
        Assert.Contains("expected a number lat on <node>", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("50", 50 / 3.6)]
    [InlineData("50 km/h", 50 / 3.6)]
    [InlineData("25 mph", 25 * 0.44704)]
    [InlineData("DE:urban", 50 / 3.6)]
    [InlineData("DE:rural", 100 / 3.6)]
    [InlineData("walk", 7 / 3.6)]
    public void MaxSpeed_KnownForms_AreMetresPerSecond(string value, double mps) =>
        Assert.Equal(mps, OsmTagValues.MaxSpeedMps(value)!.Value, 9);

    [Theory]
    [InlineData("signals")]
    [InlineData("")]
    [InlineData("-5")]
    [InlineData("50 furlongs")]
    public void MaxSpeed_UnknownForms_AreNull(string value) => Assert.Null(OsmTagValues.MaxSpeedMps(value));
}
