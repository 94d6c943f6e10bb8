namespace EdgeAI.Services.OpeningHours;

/// <summary>An opening_hours value that this parser cannot read, with the character position where it stopped.</summary>
public sealed class OpeningHoursFormatException : FormatException
{
    /// <summary>Creates the exception for <paramref name="text"/>, failing at <paramref name="position"/>.</summary>
    /// <param name="text">The whole opening_hours value.</param>
    /// <param name="position">The 0-based character index where parsing stopped.</param>
    /// <param name="expected">What would have been understood there, in words.</param>
    public OpeningHoursFormatException(string text, int position, string expected)
        : base(Describe(text, position, expected))
    {
        Text = text;
        Position = position;
        Expected = expected;
    }

    /// <summary>The opening_hours value that failed.</summary>
    public string Text { get; }

    /// <summary>The 0-based character index where parsing stopped.</summary>
    public int Position { get; }

    /// <summary>What would have been understood at <see cref="Position"/>.</summary>
    public string Expected { get; }

    internal static string Describe(string text, int position, string expected)
    {
        var found = position >= text.Length ? "the end" : $"'{text[position..Math.Min(text.Length, position + 8)]}'";
        return $"opening_hours \"{text}\": expected {expected} at position {position}, found {found}";
    }
}
