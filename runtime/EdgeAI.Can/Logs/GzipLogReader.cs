namespace EdgeAI.Can.Logs;

/// <summary>A reader over a <see cref="GzipLogStream"/> that turns a cut stream into a warning, or an error under Strict.</summary>
internal sealed class GzipLogReader(ICanLogReader inner, GzipLogStream stream, string name, CanLogReadOptions options) : ICanLogReader
{
    private readonly List<string> _warnings = [];
    private bool _checked;

    public CanChannelTable Channels => inner.Channels;
    public long SkippedRecords => inner.SkippedRecords;
    public long BadRecords => inner.BadRecords;
    public long Position => inner.Position;
    public IReadOnlyList<string> Warnings => _checked ? _warnings : inner.Warnings;

    public bool TryRead(out CanFrame frame)
    {
        if (inner.TryRead(out frame)) return true;
        if (!_checked)
        {
            _checked = true;
            _warnings.AddRange(inner.Warnings);
            if (stream.Problem is { } problem)
            {
                if (options.Strict) throw new CanLogFormatException(name, 0, "a complete gzip stream (--strict)", problem, isByteOffset: true);
                _warnings.Add(problem);
            }
        }
        return false;
    }

    public void Dispose() => inner.Dispose();
}
