using System.Globalization;
using EdgeAI.Cli.Commands;

namespace EdgeAI.Cli.Input;

/// <summary>Parses bit rates as users write them: <c>500k</c>, <c>2M</c>, <c>125000</c>.</summary>
internal static class BitRate
{
    public static double Parse(string text, string option)
    {
        string t = text.Trim();
        double scale = 1;
        if (t.EndsWith('k') || t.EndsWith('K')) { scale = 1e3; t = t[..^1]; }
        else if (t.EndsWith('M') || t.EndsWith('m')) { scale = 1e6; t = t[..^1]; }
        if (!double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || value <= 0 || value * scale > 20e6)
            throw new UsageException($"{option}: expected a bit rate such as 500k, 2M or 125000, found '{text}'");
        return value * scale;
    }
}
