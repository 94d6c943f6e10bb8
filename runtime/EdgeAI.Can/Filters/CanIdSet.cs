using System.Globalization;

namespace EdgeAI.Can.Filters;

/// <summary>A set of CAN ids given as hex ids and ranges, e.g. <c>0x123,200-2FF,18FEF100</c>.</summary>
public sealed class CanIdSet
{
    private readonly List<(uint Low, uint High)> _ranges;

    private CanIdSet(List<(uint, uint)> ranges) => _ranges = ranges;

    /// <summary>Parses a comma-separated list of hex ids (optional 0x) and low-high ranges.</summary>
    /// <exception cref="FormatException">an entry is not a hex id or range.</exception>
    public static CanIdSet Parse(string text)
    {
        var ranges = new List<(uint, uint)>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int dash = part.IndexOf('-');
            uint low = ParseId(dash < 0 ? part : part[..dash], text);
            uint high = dash < 0 ? low : ParseId(part[(dash + 1)..], text);
            if (high < low) throw new FormatException($"--ids: expected a range low-high with low <= high, found '{part}'");
            ranges.Add((low, high));
        }
        if (ranges.Count == 0) throw new FormatException("--ids: expected hex ids or ranges like 0x123,200-2FF");
        return new CanIdSet(ranges);
    }

    /// <summary>True when <paramref name="id"/> is in the set.</summary>
    public bool Contains(uint id)
    {
        foreach (var (low, high) in _ranges)
            if (id >= low && id <= high) return true;
        return false;
    }

    private static uint ParseId(string text, string whole)
    {
        var digits = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? text[2..] : text;
        if (!uint.TryParse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out uint id) || id > CanFrame.MaxExtendedId)
            throw new FormatException($"--ids: expected hex CAN ids or ranges like 0x123,200-2FF, found '{whole}'");
        return id;
    }
}
