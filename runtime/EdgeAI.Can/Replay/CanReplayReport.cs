namespace EdgeAI.Can.Replay;

/// <summary>What a replay did.</summary>
public sealed record CanReplayReport
{
    /// <summary>Frames read from the log (all loops).</summary>
    public long FramesRead { get; init; }
    /// <summary>Frames the targets accepted.</summary>
    public long FramesSent { get; init; }
    /// <summary>Frames sent, by target name.</summary>
    public IReadOnlyDictionary<string, long> SentByTarget { get; init; } = new Dictionary<string, long>();
    /// <summary>Frames left out by the filter (ids, channel, time window).</summary>
    public long FramesFiltered { get; init; }
    /// <summary>Frames a target refused at first (queue full, bus-off) that were sent after waiting.</summary>
    public long FramesDelayed { get; init; }
    /// <summary>Frames not sent, by reason (error frames in the log, channels without a target, a target that closed).</summary>
    public IReadOnlyDictionary<string, long> Dropped { get; init; } = new Dictionary<string, long>();
    /// <summary>Loops completed.</summary>
    public int Loops { get; init; }
    /// <summary>Speed factor (infinity for max).</summary>
    public double Speed { get; init; }
    /// <summary>Time the replay took.</summary>
    public TimeSpan WallTime { get; init; }
    /// <summary>Recording time covered, from the first frame to the last frame sent (loops continued).</summary>
    public TimeSpan RecordedTime { get; init; }
    /// <summary>Send-time error (actual send time - due time), median; null at max speed (nothing is due).</summary>
    public TimeSpan? SendErrorP50 { get; init; }
    /// <summary>Send-time error, 99th percentile.</summary>
    public TimeSpan? SendErrorP99 { get; init; }
    /// <summary>Largest send-time error.</summary>
    public TimeSpan? SendErrorMax { get; init; }
    /// <summary>Targets that went bus-off, in order.</summary>
    public IReadOnlyList<CanReplayBusOff> BusOffs { get; init; } = [];
    /// <summary>True when the replay was cancelled before its end.</summary>
    public bool Cancelled { get; init; }

    /// <summary>Frames dropped for any reason.</summary>
    public long DroppedTotal => Dropped.Values.Sum();
}
