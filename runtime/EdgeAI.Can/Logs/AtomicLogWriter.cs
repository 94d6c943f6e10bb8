namespace EdgeAI.Can.Logs;

/// <summary>Puts a format writer's output into place only when it completes (see <see cref="AtomicFile"/>).</summary>
internal sealed class AtomicLogWriter(ICanLogWriter inner, AtomicFile file) : ICanLogWriter
{
    public CanChannelTable Channels => inner.Channels;
    public IReadOnlyDictionary<string, long> Losses => inner.Losses;

    public void Write(in CanFrame frame) => inner.Write(in frame);

    public void Complete()
    {
        inner.Complete();
        file.Commit();
    }

    public void Dispose()
    {
        inner.Dispose();
        file.Dispose();
    }
}
