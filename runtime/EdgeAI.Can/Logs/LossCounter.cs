namespace EdgeAI.Can.Logs;

/// <summary>Counts what a writer could not keep, or throws in strict mode. Shared by every writer.</summary>
internal sealed class LossCounter(string file, bool strict)
{
    private readonly Dictionary<string, long> _counts = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, long> Counts => _counts;

    /// <summary>Records one frame that loses <paramref name="what"/> (a constant string: no allocation).</summary>
    public void Lose(string what)
    {
        if (strict) throw new CanLogLossException(file, what);
        _counts[what] = _counts.GetValueOrDefault(what) + 1;
    }
}
