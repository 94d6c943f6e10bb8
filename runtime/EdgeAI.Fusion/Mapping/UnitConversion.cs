namespace EdgeAI.Fusion.Mapping;

/// <summary>
/// Converts between the units DBCs write and the units a signal map asks for, as value * scale + offset.
/// Units are compared as written, after a few common spellings are folded (<c>kph</c> = <c>km/h</c>,
/// <c>°C</c> = <c>degC</c>, ...).
/// </summary>
public static class UnitConversion
{
    private static readonly Dictionary<(string From, string To), (double Scale, double Offset)> Known = new()
    {
        [("km/h", "m/s")] = (1 / 3.6, 0),
        [("m/s", "km/h")] = (3.6, 0),
        [("mph", "km/h")] = (1.609344, 0),
        [("km/h", "mph")] = (1 / 1.609344, 0),
        [("mph", "m/s")] = (0.44704, 0),
        [("degF", "degC")] = (5.0 / 9, -32 * 5.0 / 9),
        [("degC", "degF")] = (9.0 / 5, 32),
        [("K", "degC")] = (1, -273.15),
        [("km", "m")] = (1000, 0),
        [("m", "km")] = (0.001, 0),
        [("mi", "km")] = (1.609344, 0),
        [("W", "kW")] = (0.001, 0),
        [("kW", "W")] = (1000, 0),
        [("Wh", "kWh")] = (0.001, 0),
        [("rad", "deg")] = (180 / Math.PI, 0),
        [("deg", "rad")] = (Math.PI / 180, 0),
        [("rad/s", "deg/s")] = (180 / Math.PI, 0),
        [("1", "%")] = (100, 0),
    };

    /// <summary>The unit as this table spells it.</summary>
    public static string Normalize(string unit) => unit.Trim() switch
    {
        "kph" or "kmh" or "km/hr" or "kmph" => "km/h",
        "°C" or "C" or "degree C" or "deg C" or "celsius" => "degC",
        "°F" or "F" or "fahrenheit" => "degF",
        "°" or "degree" or "degrees" => "deg",
        "°/s" or "deg/sec" => "deg/s",
        "percent" => "%",
        var other => other,
    };

    /// <summary>The scale and offset that turn <paramref name="from"/> into <paramref name="to"/>; false when this
    /// table does not know the pair. Equal units convert as (1, 0).</summary>
    public static bool TryGet(string from, string to, out double scale, out double offset)
    {
        from = Normalize(from);
        to = Normalize(to);
        if (from == to) { scale = 1; offset = 0; return true; }
        if (Known.TryGetValue((from, to), out var pair)) { (scale, offset) = pair; return true; }
        scale = double.NaN;
        offset = double.NaN;
        return false;
    }
}
