using System.Globalization;

namespace EdgeAI.Services.Map;

/// <summary>What OSM tag values mean for driving: drivable classes, default speeds, maxspeed and maxheight parsing.</summary>
internal static class OsmTagValues
{
    /// <summary>The highway classes a car drives on (docs/map.md), with the speed assumed when a way has no usable maxspeed (km/h).</summary>
    public static readonly Dictionary<string, double> DefaultSpeedKmh = new(StringComparer.Ordinal)
    {
        ["motorway"] = 120, ["motorway_link"] = 80,
        ["trunk"] = 100, ["trunk_link"] = 60,
        ["primary"] = 80, ["primary_link"] = 50,
        ["secondary"] = 70, ["secondary_link"] = 50,
        ["tertiary"] = 60, ["tertiary_link"] = 50,
        ["unclassified"] = 50, ["residential"] = 50,
        ["living_street"] = 7,
    };

    /// <summary>A maxspeed value in m/s: "50", "50 km/h", "30 mph", "DE:urban" (50), "DE:rural" (100), "walk" (7); null when not understood.</summary>
    public static double? MaxSpeedMps(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        string v = value.Trim();
        double? kmh = v switch
        {
            "DE:urban" or "AT:urban" or "CH:urban" or "FR:urban" or "IT:urban" or "NL:urban" => 50,
            "DE:rural" or "AT:rural" => 100,
            "DE:living_street" or "walk" => 7,
            "DE:bicycle_road" => 30,
            "DE:motorway" or "none" => 130,
            _ => null,
        };
        if (kmh is { } k) return k / 3.6;
        var parts = v.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length is 0 or > 2 || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double n) || n <= 0) return null;
        if (parts.Length == 1 || parts[1] is "km/h" or "kmh" or "kph") return n / 3.6;
        if (parts[1] == "mph") return n * 0.44704;
        if (parts[1] == "knots") return n * 0.514444;
        return null;
    }

    /// <summary>A maxheight value in metres ("2.1", "2.1 m"); null for feet-and-inches or anything else.</summary>
    public static double? MetresOrNull(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        string v = value.Trim();
        if (v.EndsWith('m')) v = v[..^1].TrimEnd();
        return double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out double m) && m > 0 ? m : null;
    }

    /// <summary>A power value in kW ("22", "22 kW", "50000 W"); null otherwise.</summary>
    public static double? KilowattsOrNull(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var parts = value.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (!double.TryParse(parts[0].TrimEnd('k', 'K', 'W'), NumberStyles.Float, CultureInfo.InvariantCulture, out double n) || n <= 0) return null;
        string unit = parts.Length > 1 ? parts[1] : parts[0].EndsWith("kW", StringComparison.OrdinalIgnoreCase) ? "kW" : parts[0].EndsWith('W') ? "W" : "kW";
        return unit.Equals("W", StringComparison.OrdinalIgnoreCase) ? n / 1000 : n;
    }

    /// <summary>A non-negative integer, or null.</summary>
    public static int? IntOrNull(string? value) =>
        int.TryParse(value?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int n) ? n : null;
}
