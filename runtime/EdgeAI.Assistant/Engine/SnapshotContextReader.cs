using EdgeAI.Fusion.Context;

namespace EdgeAI.Assistant.Engine;

/// <summary>
/// Reads the latest <see cref="ContextSnapshot"/> handed to it: the assistant stage of the host reads the context this
/// way on its own thread, while the fusion stage goes on writing the live context. Readings are as of the snapshot's
/// moment (ages and staleness were computed then). It is also the view the answers' tools read, so that a question
/// is answered on the very moment the assistant is at.
/// </summary>
public sealed class SnapshotContextReader : IContextReader, IContextView
{
    private static readonly ContextReading Missing = new(double.NaN, 0, 0, ContextQuality.NeverSeen, default);
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private volatile ContextSnapshot? _snapshot;

    /// <summary>The snapshot read, or null before the first (set by one thread; any thread may read it).</summary>
    public ContextSnapshot? Snapshot
    {
        get => _snapshot;
        set
        {
            if (value is not null && _index.Count != value.Entries.Count)
            {
                _index.Clear();
                for (int i = 0; i < value.Entries.Count; i++) _index[value.Entries[i].Key.Name] = i;
            }
            _snapshot = value;
        }
    }

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">no snapshot yet.</exception>
    public ContextSnapshot Current => _snapshot ?? throw new InvalidOperationException("no context snapshot has been published yet");

    /// <inheritdoc/>
    public ContextReading Read(string key, long nowNs) =>
        _snapshot is { } s && _index.TryGetValue(key, out int i) ? s.Entries[i].Reading : Missing;

    /// <inheritdoc/>
    public string? Label(string key, long nowNs) =>
        _snapshot is { } s && _index.TryGetValue(key, out int i) && s.Entries[i].Reading.IsValid ? s.Entries[i].Label : null;
}
