using EdgeAI.Services.Geo;
using EdgeAI.Services.Map;

namespace EdgeAI.MapGen;

/// <summary>
/// Places points next to real streets: on a named drivable edge's shape, a few metres to its right, in a local plane
/// (equirectangular around the region's centre; good to centimetres over a few kilometres).
/// </summary>
public sealed class StreetPlacement
{
    private static readonly HashSet<string> StreetClasses = new(StringComparer.Ordinal)
        { "primary", "secondary", "tertiary", "unclassified", "residential", "living_street" };

    private readonly double _lat0, _lon0, _mPerDegLat, _mPerDegLon;

    /// <summary>Takes the named streets (in the classes above, at least 30 m long) of <paramref name="graph"/>.</summary>
    public StreetPlacement(RoadGraph graph)
    {
        Graph = graph;
        var streets = new List<RoadEdge>();
        foreach (var e in graph.Edges)
            if (e.Name is { Length: > 0 } && StreetClasses.Contains(e.RoadClass) && e.LengthM >= 30) streets.Add(e);
        Streets = streets;
        double lat = 0, lon = 0;
        foreach (var n in graph.Nodes) { lat += n.Position.Lat; lon += n.Position.Lon; }
        _lat0 = lat / graph.Nodes.Count;
        _lon0 = lon / graph.Nodes.Count;
        _mPerDegLat = Math.PI * GeoPoint.EarthRadiusM / 180;
        _mPerDegLon = _mPerDegLat * Math.Cos(_lat0 * Math.PI / 180);
    }

    /// <summary>The graph.</summary>
    public RoadGraph Graph { get; }

    /// <summary>The named streets POIs may be placed on, in graph order.</summary>
    public IReadOnlyList<RoadEdge> Streets { get; }

    /// <summary>The streets within <paramref name="radiusM"/> of <paramref name="at"/> (closest shape point), in graph order.</summary>
    public List<RoadEdge> StreetsNear(GeoPoint at, double radiusM)
    {
        var result = new List<RoadEdge>();
        foreach (var e in Streets) if (Project(e, at).DistanceM <= radiusM) result.Add(e);
        return result;
    }

    /// <summary>The distance along <paramref name="edge"/> of its point closest to <paramref name="at"/>, and how far that is.</summary>
    public (double AlongM, double DistanceM) Project(RoadEdge edge, GeoPoint at)
    {
        var (px, py) = ToPlane(at);
        double best = double.MaxValue, bestAlong = 0, walked = 0;
        for (var i = 1; i < edge.Shape.Count; i++)
        {
            var (ax, ay) = ToPlane(edge.Shape[i - 1]);
            var (bx, by) = ToPlane(edge.Shape[i]);
            double dx = bx - ax, dy = by - ay, len = Math.Sqrt(dx * dx + dy * dy);
            double t = len > 0 ? Math.Clamp(((px - ax) * dx + (py - ay) * dy) / (len * len), 0, 1) : 0;
            double qx = ax + t * dx - px, qy = ay + t * dy - py, d = Math.Sqrt(qx * qx + qy * qy);
            if (d < best) { best = d; bestAlong = walked + t * len; }
            walked += len;
        }
        return (bestAlong, best);
    }

    /// <summary>The point <paramref name="alongM"/> metres along the edge's shape (clamped), moved
    /// <paramref name="rightM"/> metres to the right of the direction of travel; rounded to 6 decimals (about 0.1 m).</summary>
    public GeoPoint PointBeside(RoadEdge edge, double alongM, double rightM)
    {
        double total = 0;
        for (var i = 1; i < edge.Shape.Count; i++) total += Length(edge.Shape[i - 1], edge.Shape[i]);
        alongM = Math.Clamp(alongM, 0, total);
        double walked = 0;
        for (var i = 1; i < edge.Shape.Count; i++)
        {
            var (ax, ay) = ToPlane(edge.Shape[i - 1]);
            var (bx, by) = ToPlane(edge.Shape[i]);
            double dx = bx - ax, dy = by - ay, len = Math.Sqrt(dx * dx + dy * dy);
            if (len <= 0 || (walked + len < alongM && i < edge.Shape.Count - 1)) { walked += len; continue; }
            double t = Math.Clamp((alongM - walked) / len, 0, 1);
            double ux = dx / len, uy = dy / len; // right of (ux, uy) is (uy, -ux) with x east and y north
            return FromPlane(ax + t * dx + rightM * uy, ay + t * dy - rightM * ux);
        }
        return Round(edge.Shape[0]);
    }

    /// <summary>Length of the edge's shape in the plane, metres.</summary>
    public double ShapeLength(RoadEdge edge)
    {
        double total = 0;
        for (var i = 1; i < edge.Shape.Count; i++) total += Length(edge.Shape[i - 1], edge.Shape[i]);
        return total;
    }

    private double Length(GeoPoint a, GeoPoint b)
    {
        var (ax, ay) = ToPlane(a);
        var (bx, by) = ToPlane(b);
        return Math.Sqrt((bx - ax) * (bx - ax) + (by - ay) * (by - ay));
    }

    private (double X, double Y) ToPlane(GeoPoint p) => ((p.Lon - _lon0) * _mPerDegLon, (p.Lat - _lat0) * _mPerDegLat);

    private GeoPoint FromPlane(double x, double y) => Round(new GeoPoint(_lat0 + y / _mPerDegLat, _lon0 + x / _mPerDegLon));

    private static GeoPoint Round(GeoPoint p) => new(Math.Round(p.Lat, 6), Math.Round(p.Lon, 6));
}
