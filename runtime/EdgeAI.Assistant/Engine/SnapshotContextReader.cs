using EdgeAI.Fusion.Context;

namespace EdgeAI.Assistant.Engine;

/// <summary>
/// Reads the latest <see cref="ContextSnapshot"/> handed to it: the assistant stage of the host reads the context this
/// way on its own thread, while the fusion stage goes on writing the live context. Readings are as of the snapshot's
/// moment (ages and staleness were computed then).
/// </summary>
public sealed class SnapshotContextReader : IContextReader
{
    private static readonly ContextReading Missing = new(double.NaN, 0, 0, ContextQuality.NeverSeen, default);
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private ContextSnapshot? _snapshot;

    /// <summary>The snapshot read, or null before the first.</summary>
    public ContextSnapshot? Snapshot
    {
        get => _snapshot;
        set
        {
            _snapshot = value;
            if (value is null || _index.Count == value.Entries.Count) return;
            _index.Clear();
            for (int i = 0; i < value.Entries.Count; i++) _index[value.Entries[i].Key.Name] = i;
        }
    }

    /// <inheritdoc/>
    public ContextReading Read(string key, long nowNs) =>
        _snapshot is { } s && _index.TryGetValue(key, out int i) ? s.Entries[i].Reading : Missing;

    /// <inheritdoc/>
    public string? Label(string key, long nowNs) =>
        _snapshot is { } s && _index.TryGetValue(key, out int i) && s.Entries[i].Reading.IsValid ? s.Entries[i].Label : null;
}
