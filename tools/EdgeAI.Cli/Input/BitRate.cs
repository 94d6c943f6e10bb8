using System.Globalization;
using EdgeAI.Cli.Commands;

namespace EdgeAI.Cli.Input;

/// <summary>Parses bit rates as users write them: <c>500k</c>, <c>2M</c>, <c>125000</c>.</summary>
internal static class BitRate
{
    /// <summary>The slowest CAN bus controllers run (ISO 11898-3 buses go down to 5 kbit/s).</summary>
    public const double Minimum = 5e3;

    /// <summary>The fastest CAN FD data phase transceivers reach.</summary>
    public const double Maximum = 20e6;

    /// <summary>A bit rate from <see cref="Minimum"/> to <see cref="Maximum"/>; anything else (NaN, 250 for 250k) is refused.</summary>
    public static double Parse(string text, string option)
    {
        string t = text.Trim();
        double scale = 1;
        if (t.EndsWith('k') || t.EndsWith('K')) { scale = 1e3; t = t[..^1]; }
        else if (t.EndsWith('M') || t.EndsWith('m')) { scale = 1e6; t = t[..^1]; }
        if (!double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !(value * scale >= Minimum && value * scale <= Maximum))
            throw new UsageException($"{option}: expected a bit rate from 5k to 20M such as 500k, 2M or 125000, found '{text}'");
        return value * scale;
    }
}
