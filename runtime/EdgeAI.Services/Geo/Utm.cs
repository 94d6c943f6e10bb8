namespace EdgeAI.Services.Geo;

/// <summary>
/// UTM on the WGS84 ellipsoid (Snyder, "Map Projections: A Working Manual", USGS 1987, pp. 57-64): millimetre accuracy
/// within a zone, which is what SUMO's <c>+proj=utm</c> networks need.
/// </summary>
public static class Utm
{
    private const double A = 6_378_137.0;
    private const double F = 1 / 298.257223563;
    private const double K0 = 0.9996;
    private const double E2 = F * (2 - F);
    private const double Ep2 = E2 / (1 - E2);

    /// <summary>The central meridian of a zone, degrees.</summary>
    public static double CentralMeridian(int zone) => (zone - 1) * 6 - 180 + 3;

    /// <summary>Easting and northing (metres) of a WGS84 point in a zone of the northern or southern hemisphere.</summary>
    public static (double Easting, double Northing) Forward(GeoPoint p, int zone, bool south = false)
    {
        double phi = p.Lat * Math.PI / 180, lam = (p.Lon - CentralMeridian(zone)) * Math.PI / 180;
        double sin = Math.Sin(phi), cos = Math.Cos(phi), tan = Math.Tan(phi);
        double n = A / Math.Sqrt(1 - E2 * sin * sin), t = tan * tan, c = Ep2 * cos * cos, a = cos * lam;
        double e4 = E2 * E2, e6 = e4 * E2;
        double m = A * ((1 - E2 / 4 - 3 * e4 / 64 - 5 * e6 / 256) * phi
                        - (3 * E2 / 8 + 3 * e4 / 32 + 45 * e6 / 1024) * Math.Sin(2 * phi)
                        + (15 * e4 / 256 + 45 * e6 / 1024) * Math.Sin(4 * phi)
                        - 35 * e6 / 3072 * Math.Sin(6 * phi));
        double a2 = a * a, a3 = a2 * a, a4 = a3 * a, a5 = a4 * a, a6 = a5 * a;
        double easting = K0 * n * (a + (1 - t + c) * a3 / 6 + (5 - 18 * t + t * t + 72 * c - 58 * Ep2) * a5 / 120) + 500_000;
        double northing = K0 * (m + n * tan * (a2 / 2 + (5 - t + 9 * c + 4 * c * c) * a4 / 24
                                               + (61 - 58 * t + t * t + 600 * c - 330 * Ep2) * a6 / 720));
        return (easting, south ? northing + 10_000_000 : northing);
    }

    /// <summary>The WGS84 point of an easting and northing (metres) in a zone.</summary>
    public static GeoPoint Inverse(double easting, double northing, int zone, bool south = false)
    {
        double x = easting - 500_000, y = south ? northing - 10_000_000 : northing;
        double e4 = E2 * E2, e6 = e4 * E2;
        double mu = y / K0 / (A * (1 - E2 / 4 - 3 * e4 / 64 - 5 * e6 / 256));
        double e1 = (1 - Math.Sqrt(1 - E2)) / (1 + Math.Sqrt(1 - E2));
        double e1_2 = e1 * e1, e1_3 = e1_2 * e1, e1_4 = e1_3 * e1;
        double phi1 = mu + (3 * e1 / 2 - 27 * e1_3 / 32) * Math.Sin(2 * mu)
                         + (21 * e1_2 / 16 - 55 * e1_4 / 32) * Math.Sin(4 * mu)
                         + 151 * e1_3 / 96 * Math.Sin(6 * mu)
                         + 1097 * e1_4 / 512 * Math.Sin(8 * mu);
        double sin = Math.Sin(phi1), cos = Math.Cos(phi1), tan = Math.Tan(phi1);
        double c1 = Ep2 * cos * cos, t1 = tan * tan;
        double n1 = A / Math.Sqrt(1 - E2 * sin * sin);
        double r1 = A * (1 - E2) / Math.Pow(1 - E2 * sin * sin, 1.5);
        double d = x / (n1 * K0), d2 = d * d, d3 = d2 * d, d4 = d3 * d, d5 = d4 * d, d6 = d5 * d;
        double lat = phi1 - n1 * tan / r1 * (d2 / 2 - (5 + 3 * t1 + 10 * c1 - 4 * c1 * c1 - 9 * Ep2) * d4 / 24
                                             + (61 + 90 * t1 + 298 * c1 + 45 * t1 * t1 - 252 * Ep2 - 3 * c1 * c1) * d6 / 720);
        double lon = (d - (1 + 2 * t1 + c1) * d3 / 6 + (5 - 2 * c1 + 28 * t1 - 3 * c1 * c1 + 8 * Ep2 + 24 * t1 * t1) * d5 / 120) / cos;
        return new GeoPoint(lat * 180 / Math.PI, CentralMeridian(zone) + lon * 180 / Math.PI);
    }
}
