using System.Collections.Concurrent;

namespace EdgeAI.Vision;

/// <summary>Reuses <see cref="VideoFrame"/> buffers between a source and its consumer; thread-safe.</summary>
public sealed class VideoFramePool
{
    /// <summary>Free frames kept by default: a camera pipeline holds a handful in flight.</summary>
    public const int DefaultMaxFree = 16;

    private readonly ConcurrentQueue<VideoFrame> _free = new();
    private readonly int _capacity;
    private readonly int _maxFree;
    private int _freeCount;
    private long _created;

    /// <summary>Creates a pool whose new frames hold <paramref name="frameBytes"/> bytes and that keeps at most <paramref name="maxFree"/> free ones.</summary>
    public VideoFramePool(int frameBytes, int maxFree = DefaultMaxFree)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(frameBytes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxFree);
        _capacity = frameBytes;
        _maxFree = maxFree;
    }

    /// <summary>Frames this pool has ever created (stays flat in steady state).</summary>
    public long Created => Interlocked.Read(ref _created);

    /// <summary>Free frames held now (at most the cap).</summary>
    public int FreeCount => Volatile.Read(ref _freeCount);

    /// <summary>A free frame, or a new one when all are in use.</summary>
    public VideoFrame Rent()
    {
        if (_free.TryDequeue(out var frame))
        {
            Interlocked.Decrement(ref _freeCount);
            frame.MarkRented();
            return frame;
        }
        Interlocked.Increment(ref _created);
        return new VideoFrame(_capacity, this);
    }

    // Called once per rent, by VideoFrame.Dispose only: a public Return could put one frame back twice.
    internal void Return(VideoFrame frame)
    {
        // Beyond the cap the frame is left to the GC: a burst of frames must not pin its buffers for ever.
        if (Interlocked.Increment(ref _freeCount) > _maxFree)
        {
            Interlocked.Decrement(ref _freeCount);
            return;
        }
        _free.Enqueue(frame);
    }
}
