namespace EdgeAI.Can.Logs;

/// <summary>A reader over a <see cref="GzipLogStream"/>: the format's reader, plus the stream's warning when it ends early.</summary>
internal sealed class GzipLogReader(ICanLogReader inner, GzipLogStream stream) : ICanLogReader
{
    private List<string>? _warnings;

    public CanChannelTable Channels => inner.Channels;
    public long SkippedRecords => inner.SkippedRecords;
    public long BadRecords => inner.BadRecords;
    public long Position => inner.Position;
    public IReadOnlyDictionary<string, long> SkippedKinds => inner.SkippedKinds;

    public IReadOnlyList<string> Warnings
    {
        get
        {
            if (stream.Warning is null) return inner.Warnings;
            _warnings ??= [stream.Warning, .. inner.Warnings];
            return _warnings;
        }
    }

    public bool TryRead(out CanFrame frame) => inner.TryRead(out frame);

    public void Dispose() => inner.Dispose();
}
