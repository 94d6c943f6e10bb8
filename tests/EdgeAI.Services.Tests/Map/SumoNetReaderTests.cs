using EdgeAI.Services.Geo;
using EdgeAI.Services.Map;

namespace EdgeAI.Services.Tests.Map;

public class SumoNetReaderTests
{
    [Fact]
    public void Read_Adlershof_HasTheDrivableNetworkAndItsFifteenSignals()
    {
        var graph = DemoRegion.Graph;
        // 1,943 normal edges, of which 740 have lanes open to cars (service roads here are for buses and deliveries).
        Assert.Equal(740, graph.Edges.Count);
        // 15 programs; one controls a crossing that no car lane passes (trams and pedestrians only).
        Assert.Equal(14, DemoRegion.Signals.Count);
        Assert.All(graph.Edges, e => Assert.InRange(e.SpeedLimitMps, 1, 40));
        Assert.DoesNotContain(graph.Edges, e => e.Id.StartsWith(':'));
        // Every signal's program gives each controlled link a letter, and its position is inside the region.
        foreach (var s in DemoRegion.Signals)
        {
            Assert.All(s.Links, l => Assert.InRange(l.LinkIndex, 0, s.Phases[0].State.Length - 1));
            Assert.InRange(s.Position.Lat, 52.42, 52.46);
            Assert.InRange(s.Position.Lon, 13.45, 13.58);
        }
    }

    [Fact]
    public void Read_Adlershof_BansTurnsWithoutALaneConnection()
    {
        var graph = DemoRegion.Graph;
        Assert.True(graph.BannedTurnCount > 0);
        foreach (var (from, to) in graph.BannedTurns.Take(200))
            Assert.False(graph.IsTurnAllowed(from, to));
    }

    [Fact]
    public void Read_Adlershof_EdgeLengthsMatchTheirShapes()
    {
        // The SUMO length and the WGS84 length of the converted shape agree within junction sizes: a wrong
        // projection (zone, offset sign, scale) would be off by far more.
        var graph = DemoRegion.Graph;
        var ratios = graph.Edges.Where(e => e.LengthM > 100).Select(e =>
        {
            double geo = 0;
            for (var i = 1; i < e.Shape.Count; i++) geo += GeoPoint.DistanceM(e.Shape[i - 1], e.Shape[i]);
            return geo / e.LengthM;
        }).Order().ToList();
        Assert.InRange(ratios[ratios.Count / 2], 0.98, 1.08);
    }

    [Fact]
    public void Read_BadNumber_NamesFileAndLine()
    {
        var xml = "<net>\n<location netOffset=\"-398790.46,-5809246.45\" projParameter=\"+proj=utm +zone=33 +ellps=WGS84\"/>\n<junction id=\"a\" x=\"1,5\" y=\"2\"/>\n</net>";
        var e = Assert.Throws<MapFormatException>(() => SumoNetReader.Read(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(xml)), "bad.net.xml"));
        Assert.StartsWith("bad.net.xml:3: <junction> x=\"1,5\": expected a number", e.Message);
    }

    [Fact]
    public void Read_NotUtm_SaysWhatIsSupported()
    {
        var xml = "<net><location netOffset=\"0,0\" projParameter=\"!\"/></net>";
        var e = Assert.Throws<MapFormatException>(() => SumoNetReader.Read(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(xml)), "x.net.xml"));
        Assert.Contains("expected a UTM projParameter", e.Message);
    }
}
