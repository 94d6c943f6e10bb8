namespace EdgeAI.Can.Stats;

/// <summary>Totals and bus load of one channel.</summary>
public sealed class CanChannelStatistics
{
    internal CanChannelStatistics(ushort channel, double nominalBitRate, double dataBitRate)
    {
        Channel = channel;
        _nominalBitRate = nominalBitRate;
        _dataBitRate = dataBitRate;
    }

    private readonly double _nominalBitRate;
    private readonly double _dataBitRate;
    // Bits on the wire, summed as integers: exact, and no division per frame (seconds are worked out when asked for).
    private long _nominalBits, _dataBits, _worstCaseNominalBits, _worstCaseDataBits;

    /// <summary>The channel index.</summary>
    public ushort Channel { get; }
    /// <summary>Frames on the channel.</summary>
    public long Frames { get; private set; }
    /// <summary>Frames with 29-bit ids.</summary>
    public long Extended { get; private set; }
    /// <summary>CAN FD frames.</summary>
    public long Fd { get; private set; }
    /// <summary>CAN FD frames with bit rate switching.</summary>
    public long Brs { get; private set; }
    /// <summary>Remote frames.</summary>
    public long Remote { get; private set; }
    /// <summary>Error frames.</summary>
    public long ErrorFrames { get; private set; }
    /// <summary>The earliest timestamp on the channel.</summary>
    public long FirstNs { get; private set; }
    /// <summary>The latest timestamp on the channel.</summary>
    public long LastNs { get; private set; }

    /// <summary>Frames whose timestamp is earlier than the frame before them on this channel (a log out of order).</summary>
    public long OutOfOrder { get; private set; }

    private long _previousNs;
    /// <summary>Seconds the bus was busy without stuff bits.</summary>
    public double BusySecondsNominal => _nominalBits / _nominalBitRate + _dataBits / _dataBitRate;
    /// <summary>Seconds the bus was busy with the worst-case number of stuff bits.</summary>
    public double BusySecondsWorstCase => _worstCaseNominalBits / _nominalBitRate + _worstCaseDataBits / _dataBitRate;
    /// <summary>Seconds from the first to the last frame.</summary>
    public double DurationSeconds => Frames > 1 ? (LastNs - FirstNs) / 1e9 : 0;
    /// <summary>Frames per second over the channel's duration.</summary>
    public double FramesPerSecond => DurationSeconds > 0 ? Frames / DurationSeconds : 0;
    /// <summary>Bus load in percent without stuff bits.</summary>
    public double BusLoadNominalPercent => DurationSeconds > 0 ? 100 * BusySecondsNominal / DurationSeconds : 0;
    /// <summary>Bus load in percent with worst-case bit stuffing.</summary>
    public double BusLoadWorstCasePercent => DurationSeconds > 0 ? 100 * BusySecondsWorstCase / DurationSeconds : 0;

    internal void Add(in CanFrame frame)
    {
        if (Frames == 0) FirstNs = LastNs = frame.TimestampNs;
        else if (frame.TimestampNs < _previousNs) OutOfOrder++;
        _previousNs = frame.TimestampNs;
        FirstNs = Math.Min(FirstNs, frame.TimestampNs);
        LastNs = Math.Max(LastNs, frame.TimestampNs);
        Frames++;
        if (frame.IsExtended) Extended++;
        if (frame.IsFd) Fd++;
        if ((frame.Flags & CanFlags.Brs) != 0) Brs++;
        if (frame.IsRemote) Remote++;
        if (frame.IsError) ErrorFrames++;
        var (nominal, data) = CanBitTiming.Count(in frame, worstCaseStuffing: false);
        _nominalBits += nominal;
        _dataBits += data;
        (nominal, data) = CanBitTiming.Count(in frame, worstCaseStuffing: true);
        _worstCaseNominalBits += nominal;
        _worstCaseDataBits += data;
    }
}
