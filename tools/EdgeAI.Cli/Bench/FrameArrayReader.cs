using EdgeAI.Can;
using EdgeAI.Can.Logs;

namespace EdgeAI.Cli.Bench;

/// <summary>
/// Frames held in memory, read like a log: a bench of the drive measures the pipeline, not the gzip reader. Reads
/// <paramref name="count"/> frames from <paramref name="start"/>; <see cref="Rewind"/> reads them again.
/// </summary>
internal sealed class FrameArrayReader(CanFrame[] frames, int start, int count, CanChannelTable channels) : ICanLogReader
{
    private int _read;

    /// <summary>Reads all of <paramref name="frames"/>.</summary>
    public FrameArrayReader(CanFrame[] frames, CanChannelTable channels) : this(frames, 0, frames.Length, channels) { }

    public CanChannelTable Channels { get; } = channels;
    public long SkippedRecords => 0;
    public long BadRecords => 0;
    public long Position => _read;

    public bool TryRead(out CanFrame frame)
    {
        if (_read >= count)
        {
            frame = default;
            return false;
        }
        frame = frames[start + _read++];
        return true;
    }

    /// <summary>Back to the first frame.</summary>
    public void Rewind() => _read = 0;

    /// <summary>Every frame of <paramref name="log"/>, and its channel table.</summary>
    public static (CanFrame[] Frames, CanChannelTable Channels) Load(string log)
    {
        var frames = new List<CanFrame>();
        using var reader = CanLogFiles.OpenReader(log);
        while (reader.TryRead(out var frame)) frames.Add(frame);
        return ([.. frames], reader.Channels);
    }

    public void Dispose() { }
}
