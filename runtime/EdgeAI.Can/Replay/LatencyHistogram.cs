namespace EdgeAI.Can.Replay;

/// <summary>
/// A fixed log-linear histogram of non-negative nanosecond values: exact below 32 ns, then 16 buckets per power of
/// two (within 1/16 of the value). Recording allocates nothing; percentiles are read at the end.
/// </summary>
public sealed class LatencyHistogram
{
    private const int Linear = 32;
    private const int PerOctave = 16;
    private readonly long[] _counts = new long[Linear + 60 * PerOctave];

    /// <summary>Values recorded.</summary>
    public long Count { get; private set; }

    /// <summary>Largest value recorded (exact), 0 when empty.</summary>
    public long Max { get; private set; }

    /// <summary>Records one value; negatives count as 0.</summary>
    public void Record(long ns)
    {
        if (ns < 0) ns = 0;
        _counts[IndexOf(ns)]++;
        Count++;
        if (ns > Max) Max = ns;
    }

    /// <summary>The value at or below which <paramref name="percent"/> of the values lie (the bucket's midpoint,
    /// never above <see cref="Max"/>); 0 when empty.</summary>
    public long Percentile(double percent)
    {
        if (Count == 0) return 0;
        long rank = Math.Max(1, (long)Math.Ceiling(Count * Math.Clamp(percent, 0, 100) / 100));
        long seen = 0;
        for (int i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen >= rank) return Math.Min(Midpoint(i), Max);
        }
        return Max;
    }

    /// <summary>Forgets every value.</summary>
    public void Clear()
    {
        Array.Clear(_counts);
        Count = 0;
        Max = 0;
    }

    private static int IndexOf(long ns)
    {
        if (ns < Linear) return (int)ns;
        int log2 = 63 - System.Numerics.BitOperations.LeadingZeroCount((ulong)ns);
        int shift = log2 - 4; // keep the top 5 bits: 16..31
        return Linear + (shift - 1) * PerOctave + (int)((ns >> shift) - PerOctave);
    }

    private static long Midpoint(int index)
    {
        if (index < Linear) return index;
        int shift = (index - Linear) / PerOctave + 1;
        long low = (long)((index - Linear) % PerOctave + PerOctave) << shift;
        return low + (1L << shift) / 2;
    }
}
