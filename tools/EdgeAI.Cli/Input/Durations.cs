using System.Globalization;
using EdgeAI.Cli.Commands;

namespace EdgeAI.Cli.Input;

/// <summary>Parses durations and sizes as users write them: <c>30s</c>, <c>500ms</c>, <c>10m</c>, <c>1h</c>; <c>64M</c>, <c>1G</c>.</summary>
internal static class Durations
{
    /// <summary>The longest duration accepted: timers in the replay and the simulator count milliseconds in 32 bits (49 days).</summary>
    public const double MaximumSeconds = 1e6;

    /// <summary>A duration: a number with ms, s, m or h (seconds when bare), at most <see cref="MaximumSeconds"/>.</summary>
    public static TimeSpan Parse(string text, string option)
    {
        string t = text.Trim();
        (string number, double scale) = t.EndsWith("ms", StringComparison.Ordinal) ? (t[..^2], 1e-3)
            : t.EndsWith('s') ? (t[..^1], 1) : t.EndsWith('m') ? (t[..^1], 60) : t.EndsWith('h') ? (t[..^1], 3600) : (t, 1);
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !(value >= 0 && value * scale <= MaximumSeconds))
            throw new UsageException($"{option}: expected a duration from 0 to 1000000s such as 500ms, 30s, 10m or 1h, found '{text}'");
        return TimeSpan.FromSeconds(value * scale);
    }

    /// <summary>A size in bytes: a whole number with K, M or G (powers of 1024).</summary>
    public static long ParseSize(string text, string option)
    {
        string t = text.Trim();
        long scale = 1;
        if (t.Length > 0 && char.ToUpperInvariant(t[^1]) is 'K' or 'M' or 'G')
        {
            scale = char.ToUpperInvariant(t[^1]) switch { 'K' => 1L << 10, 'M' => 1L << 20, _ => 1L << 30 };
            t = t[..^1];
        }
        if (!long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out long value) || value <= 0 || value > long.MaxValue / scale)
            throw new UsageException($"{option}: expected a size such as 1048576, 64M or 1G, found '{text}'");
        return value * scale;
    }

    /// <summary>A replay speed: a factor of real time from 0.1 to 100, or <c>max</c> (infinity) when allowed.</summary>
    public static double ParseSpeed(string text, string option, bool allowMax = true)
    {
        if (allowMax && text.Equals("max", StringComparison.OrdinalIgnoreCase)) return double.PositiveInfinity;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double speed) && speed is >= 0.1 and <= 100) return speed;
        throw new UsageException($"{option}: expected a factor from 0.1 to 100{(allowMax ? " or 'max'" : "")}, found '{text}'");
    }
}
