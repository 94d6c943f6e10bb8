namespace EdgeAI.Can.Stats;

/// <summary>
/// Per-channel and per-id statistics of a stream of frames: counts, rates, periods, jitter, DLC/FD mix,
/// error frames and bus load at the given bit rates. Adding a frame allocates only for an id not seen before.
/// </summary>
public sealed class CanBusStatistics(double nominalBitRate = 500_000, double dataBitRate = 2_000_000)
{
    // Keyed by channel, IDE bit and id packed into one ulong: hashing a tuple costs more than the rest of Add.
    private readonly Dictionary<ulong, CanIdStatistics> _ids = [];
    private readonly List<CanChannelStatistics> _channels = [];

    /// <summary>The nominal (arbitration) bit rate the bus load is computed at, bit/s.</summary>
    public double NominalBitRate { get; } = nominalBitRate > 0 ? nominalBitRate : throw new ArgumentOutOfRangeException(nameof(nominalBitRate));
    /// <summary>The CAN FD data-phase bit rate the bus load is computed at, bit/s.</summary>
    public double DataBitRate { get; } = dataBitRate > 0 ? dataBitRate : throw new ArgumentOutOfRangeException(nameof(dataBitRate));

    /// <summary>Channels that carried frames, by channel index.</summary>
    public IEnumerable<CanChannelStatistics> Channels => _channels.Where(c => c.Frames > 0);

    /// <summary>Ids seen (error frames are counted on the channel, not as ids), by channel then id.</summary>
    public IEnumerable<CanIdStatistics> Ids => _ids.Values.OrderBy(s => s.Channel).ThenBy(s => s.IsExtended).ThenBy(s => s.Id);

    /// <summary>All frames added.</summary>
    public long Frames { get; private set; }

    /// <summary>Counts <paramref name="frame"/> on its channel and id.</summary>
    public void Add(in CanFrame frame)
    {
        Frames++;
        while (_channels.Count <= frame.Channel) _channels.Add(new CanChannelStatistics((ushort)_channels.Count, NominalBitRate, DataBitRate));
        _channels[frame.Channel].Add(in frame);
        if (frame.IsError) return;
        ulong key = ((ulong)frame.Channel << 33) | (frame.IsExtended ? 1UL << 32 : 0) | frame.Id;
        if (!_ids.TryGetValue(key, out var stats))
            _ids[key] = stats = new CanIdStatistics(frame.Channel, frame.Id, frame.IsExtended);
        stats.Add(in frame);
    }
}
