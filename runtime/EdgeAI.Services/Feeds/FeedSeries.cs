namespace EdgeAI.Services.Feeds;

/// <summary>
/// One key's samples (a car park, a station, a road segment), sorted by time. A sample holds until the next one: the
/// value at a moment is the last sample at or before it. A view over the feed's arrays; lookups do not allocate.
/// </summary>
public readonly struct FeedSeries
{
    private readonly long[] _ticks;
    private readonly double[] _values;

    internal FeedSeries(string key, long[] ticks, double[] values)
    {
        Key = key;
        _ticks = ticks;
        _values = values;
    }

    /// <summary>The car park, station or edge id.</summary>
    public string Key { get; }

    /// <summary>Number of samples.</summary>
    public int Count => _ticks.Length;

    /// <summary>The time of sample <paramref name="index"/> (local time of the scenario).</summary>
    public DateTime TimeAt(int index) => new(_ticks[index], DateTimeKind.Unspecified);

    /// <summary>The value of sample <paramref name="index"/>.</summary>
    public double ValueAt(int index) => _values[index];

    /// <summary>Index of the last sample at or before <paramref name="time"/>, or -1 when the series starts later.</summary>
    public int IndexAt(DateTime time)
    {
        var i = Array.BinarySearch(_ticks, time.Ticks);
        return i >= 0 ? LastOfEqual(i) : ~i - 1;
    }

    /// <summary>The value in force at <paramref name="time"/> and when it was sampled; false before the first sample.</summary>
    public bool TryValueAt(DateTime time, out double value, out DateTime sampledAt)
    {
        var i = IndexAt(time);
        if (i < 0)
        {
            value = double.NaN;
            sampledAt = default;
            return false;
        }
        value = _values[i];
        sampledAt = TimeAt(i);
        return true;
    }

    private int LastOfEqual(int i)
    {
        while (i + 1 < _ticks.Length && _ticks[i + 1] == _ticks[i]) i++;
        return i;
    }
}
