namespace EdgeAI.Can.Logs;

/// <summary>Counts what a writer could not keep, or throws in strict mode. Shared by every writer.</summary>
internal sealed class LossCounter(string file, bool strict)
{
    private readonly Dictionary<string, long> _counts = new(StringComparer.Ordinal);

    /// <summary>What a frame earlier than the file's start loses in formats that store offsets from it.</summary>
    public const string BeforeStart = "time before the first frame (written at the file's start time)";

    public IReadOnlyDictionary<string, long> Counts => _counts;

    /// <summary>Nanoseconds from <paramref name="startNs"/> to the frame; a frame earlier than the start is
    /// written at the start (offset 0) and counted, as ASC, BLF and TRC cannot hold negative offsets.</summary>
    public long OffsetFromStart(long timestampNs, long startNs)
    {
        long offset = timestampNs - startNs;
        if (offset >= 0) return offset;
        Lose(BeforeStart);
        return 0;
    }

    /// <summary>Records one frame that loses <paramref name="what"/> (a constant string: no allocation).</summary>
    public void Lose(string what)
    {
        if (strict) throw new CanLogLossException(file, what);
        _counts[what] = _counts.GetValueOrDefault(what) + 1;
    }
}
