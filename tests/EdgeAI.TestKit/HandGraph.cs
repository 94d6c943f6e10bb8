using EdgeAI.Services.Geo;
using EdgeAI.Services.Map;

namespace EdgeAI.TestKit;

/// <summary>Small hand-built road graphs at 52.43 N, 13.53 E, where the right answers can be worked out by hand
/// (the services' tests and the assistant's).</summary>
public static class HandGraph
{
    public const double Lat0 = 52.43, Lon0 = 13.53;
    private static readonly double MPerDegLat = Math.PI * GeoPoint.EarthRadiusM / 180;
    private static readonly double MPerDegLon = MPerDegLat * Math.Cos(Lat0 * Math.PI / 180);

    /// <summary>The point <paramref name="eastM"/> east and <paramref name="northM"/> north of the origin.</summary>
    public static GeoPoint At(double eastM, double northM) => new(Lat0 + northM / MPerDegLat, Lon0 + eastM / MPerDegLon);

    /// <summary>A straight two-way street along the east axis: nodes every <paramref name="spacingM"/> metres, 50 km/h.</summary>
    public static RoadGraph Street(int nodes, double spacingM = 100)
    {
        var n = new List<RoadNode>();
        for (var i = 0; i < nodes; i++) n.Add(new RoadNode(i, $"n{i}", At(i * spacingM, 0)));
        var edges = new List<RoadEdge>();
        for (var i = 0; i + 1 < nodes; i++)
        {
            double length = GeoPoint.DistanceM(n[i].Position, n[i + 1].Position);
            edges.Add(new RoadEdge(edges.Count, $"e{i}f", i, i + 1, "residential", "Teststraße", length, 50 / 3.6, false, 1, [n[i].Position, n[i + 1].Position]));
            edges.Add(new RoadEdge(edges.Count, $"e{i}b", i + 1, i, "residential", "Teststraße", length, 50 / 3.6, false, 1, [n[i + 1].Position, n[i].Position]));
        }
        return new RoadGraph(n, edges, []);
    }
}
