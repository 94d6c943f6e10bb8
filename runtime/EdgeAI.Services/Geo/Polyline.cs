namespace EdgeAI.Services.Geo;

/// <summary>Where a point falls on a polyline, in flat metres around the point (fine over a road's length).</summary>
internal static class Polyline
{
    /// <summary>The segment (<paramref name="segment"/> from point <c>segment</c> to <c>segment + 1</c>) and the
    /// <paramref name="fraction"/> along it of the polyline's point nearest <paramref name="p"/>, and how far that is
    /// (<paramref name="offsetM"/>); the first of equally near ones. False for a shape without two distinct points.</summary>
    public static bool TryNearest(IReadOnlyList<GeoPoint> shape, GeoPoint p, out int segment, out double fraction, out double offsetM)
    {
        segment = -1;
        fraction = 0;
        offsetM = double.PositiveInfinity;
        double kx = 111_320 * Math.Cos(p.Lat * Math.PI / 180), ky = 110_574;
        double best = double.PositiveInfinity;
        for (int i = 1; i < shape.Count; i++)
        {
            double ax = (shape[i - 1].Lon - p.Lon) * kx, ay = (shape[i - 1].Lat - p.Lat) * ky;
            double dx = (shape[i].Lon - shape[i - 1].Lon) * kx, dy = (shape[i].Lat - shape[i - 1].Lat) * ky;
            double length2 = dx * dx + dy * dy;
            if (length2 < 1e-12) continue; // a repeated point: its neighbours' ends are as near
            double f = Math.Clamp(-(ax * dx + ay * dy) / length2, 0, 1);
            double cx = ax + f * dx, cy = ay + f * dy, d = cx * cx + cy * cy;
            if (d < best)
            {
                best = d;
                segment = i - 1;
                fraction = f;
            }
        }
        if (segment < 0) return false;
        offsetM = Math.Sqrt(best);
        return true;
    }

    /// <summary>The flat length of segment <paramref name="segment"/> in metres around <paramref name="p"/>, and its
    /// bearing in degrees from north.</summary>
    public static (double LengthM, double BearingDeg) Segment(IReadOnlyList<GeoPoint> shape, int segment, GeoPoint p)
    {
        double kx = 111_320 * Math.Cos(p.Lat * Math.PI / 180), ky = 110_574;
        double dx = (shape[segment + 1].Lon - shape[segment].Lon) * kx, dy = (shape[segment + 1].Lat - shape[segment].Lat) * ky;
        return (Math.Sqrt(dx * dx + dy * dy), (Math.Atan2(dx, dy) * 180 / Math.PI + 360) % 360);
    }
}
