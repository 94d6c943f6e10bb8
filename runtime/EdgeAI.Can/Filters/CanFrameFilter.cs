namespace EdgeAI.Can.Filters;

/// <summary>
/// Which frames of a log to keep: one channel, a time window in seconds from the first frame, a set of ids.
/// Used by convert, decode and replay alike.
/// </summary>
public sealed class CanFrameFilter
{
    private long _firstNs = long.MinValue;

    private int _channelIndex = -1;

    /// <summary>Channel name to keep (as the log names it: <c>can0</c>; numbered formats' channel 1 is <c>can0</c>), or null for all.</summary>
    public string? ChannelName { get; init; }

    /// <summary>The reader's channel table, against which <see cref="ChannelName"/> is resolved as channels appear.</summary>
    public CanChannelTable? Channels { get; init; }
    /// <summary>Seconds from the first frame of the log before which frames are dropped.</summary>
    public double? StartSeconds { get; init; }
    /// <summary>Seconds from the first frame of the log after which frames are dropped.</summary>
    public double? EndSeconds { get; init; }
    /// <summary>Ids to keep, or null for all (error frames always pass an id filter).</summary>
    public CanIdSet? Ids { get; init; }

    /// <summary>True when no condition is set.</summary>
    public bool IsEmpty => ChannelName is null && StartSeconds is null && EndSeconds is null && Ids is null;

    /// <summary>True when the frame passes; the first frame offered fixes time zero.</summary>
    public bool Accepts(in CanFrame frame)
    {
        if (_firstNs == long.MinValue) _firstNs = frame.TimestampNs;
        if (ChannelName is not null && !IsSelectedChannel(frame.Channel)) return false;
        if (StartSeconds is not null || EndSeconds is not null)
        {
            double t = (frame.TimestampNs - _firstNs) / 1e9; // only with a time range: most reads have none
            if (StartSeconds is { } start && t < start) return false;
            if (EndSeconds is { } end && t > end) return false;
        }
        if (Ids is { } ids && !frame.IsError && !ids.Contains(frame.Id)) return false;
        return true;
    }

    private bool IsSelectedChannel(ushort channel)
    {
        if (_channelIndex < 0 && Channels is not null && Channels.TryGetIndex(ChannelName!, out var index)) _channelIndex = index;
        return channel == _channelIndex;
    }

    /// <summary>True once a frame is past <see cref="EndSeconds"/>, so a reader can stop early (logs are in time order).</summary>
    public bool IsPastEnd(in CanFrame frame) => EndSeconds is { } end && _firstNs != long.MinValue && (frame.TimestampNs - _firstNs) / 1e9 > end;
}
