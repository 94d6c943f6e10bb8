using System.Globalization;

namespace EdgeAI.Services.Geo;

/// <summary>A WGS84 position in degrees.</summary>
public readonly record struct GeoPoint(double Lat, double Lon)
{
    /// <summary>Mean Earth radius in metres (IUGG), used for distances and bearings.</summary>
    public const double EarthRadiusM = 6_371_008.8;

    /// <summary>Great-circle distance in metres (haversine).</summary>
    public static double DistanceM(GeoPoint a, GeoPoint b)
    {
        double p1 = a.Lat * Math.PI / 180, p2 = b.Lat * Math.PI / 180;
        double dp = p2 - p1, dl = (b.Lon - a.Lon) * Math.PI / 180;
        double h = Math.Sin(dp / 2) * Math.Sin(dp / 2) + Math.Cos(p1) * Math.Cos(p2) * Math.Sin(dl / 2) * Math.Sin(dl / 2);
        return 2 * EarthRadiusM * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }

    /// <summary>Initial bearing from <paramref name="a"/> to <paramref name="b"/>, degrees clockwise from north, 0..360.</summary>
    public static double BearingDeg(GeoPoint a, GeoPoint b)
    {
        double p1 = a.Lat * Math.PI / 180, p2 = b.Lat * Math.PI / 180, dl = (b.Lon - a.Lon) * Math.PI / 180;
        double y = Math.Sin(dl) * Math.Cos(p2);
        double x = Math.Cos(p1) * Math.Sin(p2) - Math.Sin(p1) * Math.Cos(p2) * Math.Cos(dl);
        return (Math.Atan2(y, x) * 180 / Math.PI + 360) % 360;
    }

    /// <summary>Parses "lat,lon" in invariant culture (decimal degrees).</summary>
    public static bool TryParse(string? text, out GeoPoint point)
    {
        point = default;
        if (text is null) return false;
        var comma = text.IndexOf(',');
        if (comma <= 0) return false;
        if (!double.TryParse(text.AsSpan(0, comma).Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var lat)) return false;
        if (!double.TryParse(text.AsSpan(comma + 1).Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var lon)) return false;
        if (lat is < -90 or > 90 || lon is < -180 or > 180 || double.IsNaN(lat) || double.IsNaN(lon)) return false;
        point = new GeoPoint(lat, lon);
        return true;
    }

    /// <summary>"lat,lon" with 6 decimals (about 0.1 m).</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Lat:F6},{Lon:F6}");
}
