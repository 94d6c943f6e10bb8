using System.Collections.Concurrent;

namespace EdgeAI.Vision;

/// <summary>Reuses <see cref="VideoFrame"/> buffers between a source and its consumer; thread-safe.</summary>
public sealed class VideoFramePool
{
    private readonly ConcurrentQueue<VideoFrame> _free = new();
    private readonly int _capacity;
    private long _created;

    /// <summary>Creates a pool whose new frames hold <paramref name="frameBytes"/> bytes.</summary>
    public VideoFramePool(int frameBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(frameBytes);
        _capacity = frameBytes;
    }

    /// <summary>Frames this pool has ever created (stays flat in steady state).</summary>
    public long Created => Interlocked.Read(ref _created);

    /// <summary>A free frame, or a new one when all are in use.</summary>
    public VideoFrame Rent()
    {
        if (_free.TryDequeue(out var frame)) return frame;
        Interlocked.Increment(ref _created);
        return new VideoFrame(_capacity, this);
    }

    /// <summary>Puts a frame back; called by <see cref="VideoFrame.Dispose"/>.</summary>
    public void Return(VideoFrame frame) => _free.Enqueue(frame);
}
