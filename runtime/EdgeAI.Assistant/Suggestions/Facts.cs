using System.Globalization;

namespace EdgeAI.Assistant.Suggestions;

/// <summary>Builds facts with the values formatted as templates show them (invariant culture).</summary>
public static class Facts
{
    /// <summary>A number rounded to <paramref name="decimals"/>.</summary>
    public static Fact Number(string name, double value, int decimals, string? unit, string? source = null) =>
        new(name, Math.Round(value, decimals, MidpointRounding.AwayFromZero).ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture), FactKind.Number, unit, source);

    /// <summary>A distance: metres below 1 km (rounded to 10 m), else km with one decimal.</summary>
    public static Fact Distance(string name, double metres, string? source = null) =>
        metres < 1000 ? Number(name, Math.Round(metres / 10) * 10, 0, "m", source) : Number(name, metres / 1000, 1, "km", source);

    /// <summary>A proper name.</summary>
    public static Fact Name(string name, string value, string? source = null) => new(name, value, FactKind.Name, null, source);

    /// <summary>A local clock time, HH:mm.</summary>
    public static Fact Time(string name, DateTime local, string? source = null) =>
        new(name, local.ToString("HH:mm", CultureInfo.InvariantCulture), FactKind.Time, null, source);

    /// <summary>Words that are not checked.</summary>
    public static Fact Text(string name, string value, string? source = null) => new(name, value, FactKind.Text, null, source);
}
