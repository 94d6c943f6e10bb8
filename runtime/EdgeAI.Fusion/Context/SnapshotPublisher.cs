namespace EdgeAI.Fusion.Context;

/// <summary>
/// Publishes a <see cref="ContextSnapshot"/> of a context at a fixed rate of input time: the writer calls
/// <see cref="Observe"/> after applying inputs; readers on any thread take <see cref="Latest"/>.
/// </summary>
public sealed class SnapshotPublisher(VehicleContext context, TimeSpan period) : IContextView
{
    private readonly long _periodNs = period > TimeSpan.Zero ? period.Ticks * 100 : throw new ArgumentOutOfRangeException(nameof(period), "expected a period above 0");
    private long _nextNs = long.MinValue;
    private ContextSnapshot? _latest;

    /// <summary>The newest snapshot, or null before the first.</summary>
    public ContextSnapshot? Latest => Volatile.Read(ref _latest);

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">nothing has been published yet.</exception>
    public ContextSnapshot Current => Latest ?? throw new InvalidOperationException("no context snapshot has been published yet");

    /// <summary>Snapshots published.</summary>
    public long Published { get; private set; }

    /// <summary>Publishes when a period has passed since the last snapshot; true when it did.</summary>
    public bool Observe()
    {
        long now = context.LatestNs;
        if (now < _nextNs) return false;
        Volatile.Write(ref _latest, context.Snapshot(now));
        _nextNs = now + _periodNs;
        Published++;
        return true;
    }
}
