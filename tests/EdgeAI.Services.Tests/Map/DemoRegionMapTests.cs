using EdgeAI.Services.Geo;
using EdgeAI.Services.Map;

namespace EdgeAI.Services.Tests.Map;

public sealed class DemoRegionMapTests
{
    [Fact]
    public void Build_Adlershof_HasTheEightSumoLandmarksWithReadableNamesAndAttribution()
    {
        var map = DemoRegion.Map;
        Assert.Equal("Berlin-Adlershof", map.Name);
        Assert.Equal("© OpenStreetMap contributors (ODbL); network by Eclipse SUMO (EPL-2.0)", map.Attribution);
        Assert.Equal(["Bhf Adlershof", "HU", "Bessy", "BTB", "DLR", "KWB", "ISAS", "BAM"], map.Pois.Select(p => p.Id));
        Assert.All(map.Pois, p => Assert.Equal(PoiKind.Landmark, p.Kind));
        Assert.All(map.Pois, p => Assert.False(p.Generated));
        Assert.Equal("Humboldt-Universität (Campus Adlershof)", map.Pois[1].Name);
        Assert.Equal("BESSY II", map.Pois[2].Name);
    }

    [Fact]
    public void Build_Adlershof_StationLandmarkIsAtTheRealStation()
    {
        // S-Bahnhof Adlershof is at about 52.4347 N, 13.5413 E (OpenStreetMap); the net offset and UTM zone 33 put the
        // SUMO stop within a short walk of it, and next to a road of the network.
        var station = DemoRegion.Map.Pois.Single(p => p.Id == "Bhf Adlershof").Position;
        Assert.InRange(GeoPoint.DistanceM(station, new GeoPoint(52.4347, 13.5413)), 0, 250);
        Assert.Contains(DemoRegion.Map.Graph.Edges, e => MapStore.DistanceToPolylineM(station, e.Shape) < 60);
    }

    [Fact]
    public void Build_ExtraPois_AreAddedAfterTheLandmarks()
    {
        var extra = new Poi("gen-1", PoiKind.Charger, "Generated charger", new GeoPoint(52.43, 13.53), Generated: true) { Charger = new ChargerInfo(50, ["ccs"], 2) };
        DemoRegion.File("osm.net.xml");
        var map = DemoRegionMap.Build(DemoRegion.Folder, [extra]);
        Assert.Equal(9, map.Pois.Count);
        Assert.Same(extra, map.Pois[^1]);
    }

    [Fact]
    public void Build_MissingFolder_NamesTheMissingFileAndTheFetchCommand()
    {
        var e = Assert.Throws<MapFormatException>(() => DemoRegionMap.Build("/nonexistent/sumo-adlershof"));
        Assert.Equal("/nonexistent/sumo-adlershof/osm.net.xml: missing (fetch the demo region: edgeai models fetch sumo-adlershof)", e.Message);
    }
}
