namespace EdgeAI.Can.Logs;

/// <summary>How to write a log.</summary>
public sealed record CanLogWriteOptions
{
    /// <summary>Fail instead of dropping information the format cannot hold.</summary>
    public bool Strict { get; init; }

    /// <summary>Time zone for header dates written as local time (ASC, BLF, TRC). Null: the machine's local zone.</summary>
    public TimeZoneInfo? TimeZone { get; init; }

    /// <summary>Channel names to write with; a new table when null.</summary>
    public CanChannelTable? Channels { get; init; }

    /// <summary>Default options.</summary>
    public static CanLogWriteOptions Default { get; } = new();
}
