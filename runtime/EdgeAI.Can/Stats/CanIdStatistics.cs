namespace EdgeAI.Can.Stats;

/// <summary>Counts, period and payload mix of one CAN id on one channel.</summary>
public sealed class CanIdStatistics
{
    internal CanIdStatistics(ushort channel, uint id, bool extended)
    {
        Channel = channel;
        Id = id;
        IsExtended = extended;
    }

    /// <summary>The channel index.</summary>
    public ushort Channel { get; }
    /// <summary>The CAN id.</summary>
    public uint Id { get; }
    /// <summary>Whether the id has 29 bits.</summary>
    public bool IsExtended { get; }
    /// <summary>Frames with this id.</summary>
    public long Count { get; private set; }
    /// <summary>CAN FD frames with this id.</summary>
    public long FdCount { get; private set; }
    /// <summary>Remote frames with this id.</summary>
    public long RemoteCount { get; private set; }
    /// <summary>Bit i set when DLC i was seen.</summary>
    public ushort DlcMask { get; private set; }
    /// <summary>The first frame's time, ns since the Unix epoch.</summary>
    public long FirstNs { get; private set; }
    /// <summary>The last frame's time, ns since the Unix epoch.</summary>
    public long LastNs { get; private set; }
    /// <summary>Shortest gap between two frames of this id, in seconds (NaN with fewer than two frames).</summary>
    public double PeriodMin => _periods > 0 ? _periodMinNs / 1e9 : double.NaN;
    /// <summary>Longest gap, in seconds.</summary>
    public double PeriodMax => _periods > 0 ? _periodMaxNs / 1e9 : double.NaN;
    /// <summary>Mean gap, in seconds.</summary>
    public double PeriodMean => _periods > 0 ? _periodSum / _periods / 1e9 : double.NaN;
    /// <summary>Jitter: standard deviation of the gaps, in seconds.</summary>
    public double Jitter
    {
        get
        {
            if (_periods < 2) return _periods == 1 ? 0 : double.NaN;
            double mean = _periodSum / _periods;
            return Math.Sqrt(Math.Max(0, _periodSumSquares / _periods - mean * mean)) / 1e9;
        }
    }

    private long _periods;
    private double _periodSum;
    private double _periodSumSquares;
    private long _periodMinNs = long.MaxValue;
    private long _periodMaxNs;

    internal void Add(in CanFrame frame)
    {
        if (Count == 0) FirstNs = frame.TimestampNs;
        else
        {
            long gap = frame.TimestampNs - LastNs;
            // A step back in time is not a period; the channel counts it (CanChannelStatistics.OutOfOrder).
            if (gap < 0) { LastNs = frame.TimestampNs; Count++; return; }
            _periods++;
            _periodSum += gap;
            _periodSumSquares += (double)gap * gap;
            _periodMinNs = Math.Min(_periodMinNs, gap);
            _periodMaxNs = Math.Max(_periodMaxNs, gap);
        }
        LastNs = frame.TimestampNs;
        Count++;
        if (frame.IsFd) FdCount++;
        if (frame.IsRemote) RemoteCount++;
        DlcMask |= (ushort)(1 << frame.Dlc);
    }
}
