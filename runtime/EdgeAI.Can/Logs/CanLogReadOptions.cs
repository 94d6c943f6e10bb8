namespace EdgeAI.Can.Logs;

/// <summary>How to read a log.</summary>
public sealed record CanLogReadOptions
{
    /// <summary>Skip and count malformed CAN records instead of failing.</summary>
    public bool SkipBad { get; init; }

    /// <summary>Time zone of header dates that carry none (ASC, BLF, TRC). Null: the machine's local zone.</summary>
    public TimeZoneInfo? TimeZone { get; init; }

    /// <summary>Refuse what would otherwise be a warning (a file that ends inside a line, a cut file).</summary>
    public bool Strict { get; init; }

    /// <summary>Default options.</summary>
    public static CanLogReadOptions Default { get; } = new();
}
