using EdgeAI.Services.Geo;
using EdgeAI.Services.Map;

namespace EdgeAI.Services.Routing;

/// <summary>
/// Snaps a position to the nearest edge of a <see cref="RoadGraph"/> by a linear scan over every shape segment (the
/// demo region has a few thousand; the map store's R*Tree is the index for large regions). Distances use a local
/// equirectangular projection around the query point, which is exact to well under a metre at city scale.
/// </summary>
public sealed class EdgeLocator
{
    private readonly RoadGraph _graph;

    /// <summary>A locator over <paramref name="graph"/>'s edges.</summary>
    public EdgeLocator(RoadGraph graph) => _graph = graph ?? throw new ArgumentNullException(nameof(graph));

    /// <summary>The edge nearest to <paramref name="position"/>; null for a graph without edges.</summary>
    public EdgePosition? Nearest(GeoPoint position)
    {
        EdgePosition? best = null;
        for (var e = 0; e < _graph.Edges.Count; e++)
        {
            var snap = Project(e, position);
            if (best is null || snap.DistanceM < best.Value.DistanceM) best = snap;
        }
        return best;
    }

    /// <summary>
    /// The nearest edge and every other edge within <paramref name="slackM"/> metres of that distance (the opposite
    /// direction of a two-way street, a parallel carriageway), nearest first.
    /// </summary>
    public IReadOnlyList<EdgePosition> Candidates(GeoPoint position, double slackM = 5)
    {
        var all = new List<EdgePosition>(_graph.Edges.Count);
        for (var e = 0; e < _graph.Edges.Count; e++) all.Add(Project(e, position));
        if (all.Count == 0) return all;
        all.Sort((a, b) => a.DistanceM.CompareTo(b.DistanceM));
        var limit = all[0].DistanceM + slackM;
        var n = 1;
        while (n < all.Count && all[n].DistanceM <= limit) n++;
        return all.GetRange(0, n);
    }

    /// <summary>Projects <paramref name="position"/> onto edge <paramref name="edge"/>'s shape.</summary>
    public EdgePosition Project(int edge, GeoPoint position)
    {
        var shape = _graph.Edges[edge].Shape;
        var kx = Math.Cos(position.Lat * Math.PI / 180) * Math.PI / 180 * GeoPoint.EarthRadiusM;
        const double Ky = Math.PI / 180 * GeoPoint.EarthRadiusM;
        double total = 0, bestAlong = 0, bestD2 = double.PositiveInfinity;
        GeoPoint bestPoint = shape[0];
        for (var i = 0; i + 1 < shape.Count; i++)
        {
            double ax = (shape[i].Lon - position.Lon) * kx, ay = (shape[i].Lat - position.Lat) * Ky;
            double bx = (shape[i + 1].Lon - position.Lon) * kx, by = (shape[i + 1].Lat - position.Lat) * Ky;
            double dx = bx - ax, dy = by - ay, len2 = dx * dx + dy * dy, len = Math.Sqrt(len2);
            var t = len2 > 0 ? Math.Clamp(-(ax * dx + ay * dy) / len2, 0, 1) : 0;
            double px = ax + t * dx, py = ay + t * dy, d2 = px * px + py * py;
            if (d2 < bestD2)
            {
                bestD2 = d2;
                bestAlong = total + t * len;
                bestPoint = new GeoPoint(shape[i].Lat + t * (shape[i + 1].Lat - shape[i].Lat), shape[i].Lon + t * (shape[i + 1].Lon - shape[i].Lon));
            }
            total += len;
        }
        if (shape.Count == 1) bestD2 = Sq((shape[0].Lon - position.Lon) * kx) + Sq((shape[0].Lat - position.Lat) * Ky);
        return new EdgePosition(edge, total > 0 ? bestAlong / total : 0, bestPoint, Math.Sqrt(bestD2));
    }

    private static double Sq(double x) => x * x;
}
