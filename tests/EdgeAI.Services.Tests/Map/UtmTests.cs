using EdgeAI.Services.Geo;

namespace EdgeAI.Services.Tests.Map;

public class UtmTests
{
    [Theory]
    [InlineData(52.4349, 13.5413, 33)] // Berlin-Adlershof
    [InlineData(48.1372, 11.5756, 32)] // Munich
    [InlineData(-33.8568, 151.2153, 56)] // Sydney, southern hemisphere
    public void InverseOfForward_ReturnsThePointWithinAMillimetre(double lat, double lon, int zone)
    {
        var south = lat < 0;
        var (e, n) = Utm.Forward(new GeoPoint(lat, lon), zone, south);
        var back = Utm.Inverse(e, n, zone, south);
        Assert.InRange(GeoPoint.DistanceM(new GeoPoint(lat, lon), back), 0, 0.001);
    }

    [Fact]
    public void SumoNetReader_JunctionPositions_MatchNetconvertsOwnConversion()
    {
        // The oracle is SUMO's netconvert (PROJ) writing the same network in lon/lat, 6 decimals (about 0.1 m).
        var nodes = DemoRegion.Graph.Nodes.ToDictionary(n => n.Id);
        var compared = 0;
        foreach (var line in File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Map", "adlershof-nodes.netconvert.csv")))
        {
            if (line.StartsWith('#')) continue;
            var f = line.Split(',');
            if (!nodes.TryGetValue(f[0], out var node)) continue; // a junction of footways only
            var expected = new GeoPoint(double.Parse(f[2], System.Globalization.CultureInfo.InvariantCulture), double.Parse(f[1], System.Globalization.CultureInfo.InvariantCulture));
            Assert.InRange(GeoPoint.DistanceM(expected, node.Position), 0, 0.15);
            compared++;
        }
        Assert.True(compared >= 30, $"only {compared} junctions compared");
    }
}
