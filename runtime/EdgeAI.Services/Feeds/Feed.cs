namespace EdgeAI.Services.Feeds;

/// <summary>
/// A live feed replayed on the virtual clock: per key (car park, station, road segment) a time series of values.
/// Built by <see cref="FeedFile"/>; immutable. <see cref="TryValueAt"/> answers "the value at virtual time t" with a
/// dictionary lookup and a binary search, without allocating.
/// </summary>
public sealed class Feed
{
    private readonly Dictionary<string, FeedSeries> _series;

    /// <summary>Builds a feed from series already sorted by time (see <see cref="FeedFile"/>).</summary>
    /// <param name="kind">What the values are.</param>
    /// <param name="series">Per key: times (ticks of local time, non-decreasing) and values.</param>
    public Feed(FeedKind kind, IEnumerable<(string Key, long[] Ticks, double[] Values)> series)
    {
        Kind = kind;
        _series = new Dictionary<string, FeedSeries>(StringComparer.Ordinal);
        foreach (var (key, ticks, values) in series)
        {
            if (ticks.Length != values.Length) throw new ArgumentException($"{key}: {ticks.Length} times but {values.Length} values");
            for (var i = 1; i < ticks.Length; i++)
                if (ticks[i] < ticks[i - 1]) throw new ArgumentException($"{key}: sample {i} is earlier than the one before");
            _series.Add(key, new FeedSeries(key, ticks, values));
        }
    }

    /// <summary>What the values are.</summary>
    public FeedKind Kind { get; }

    /// <summary>The keys that have samples.</summary>
    public IReadOnlyCollection<string> Keys => _series.Keys;

    /// <summary>The series of one key.</summary>
    public bool TryGetSeries(string key, out FeedSeries series) => _series.TryGetValue(key, out series);

    /// <summary>The value for <paramref name="key"/> in force at <paramref name="time"/> and when it was sampled; false
    /// when the key has no sample at or before that moment.</summary>
    public bool TryValueAt(string key, DateTime time, out double value, out DateTime sampledAt)
    {
        if (_series.TryGetValue(key, out var s)) return s.TryValueAt(time, out value, out sampledAt);
        value = double.NaN;
        sampledAt = default;
        return false;
    }
}
