namespace EdgeAI.Can.Logs;

/// <summary>How to read a log.</summary>
public sealed record CanLogReadOptions
{
    /// <summary>Skip and count malformed CAN records instead of failing.</summary>
    public bool SkipBad { get; init; }

    /// <summary>Refuse a log that looks cut (a text log ending inside a line, a BLF or .gz that ends early or holds
    /// fewer objects than its header says) instead of reading what is there and warning.</summary>
    public bool Strict { get; init; }

    /// <summary>Time zone of header dates that carry none (ASC, BLF, TRC). Null: the machine's local zone.</summary>
    public TimeZoneInfo? TimeZone { get; init; }

    /// <summary>Default options.</summary>
    public static CanLogReadOptions Default { get; } = new();
}
