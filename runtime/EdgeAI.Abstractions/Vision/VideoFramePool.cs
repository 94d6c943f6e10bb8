using System.Collections.Concurrent;

namespace EdgeAI.Vision;

/// <summary>
/// Reuses <see cref="VideoFrame"/> buffers between a source and its consumer; thread-safe. It keeps at most
/// <see cref="MaxFree"/> free frames: a consumer that held many frames at once (a burst, a slow stage) does not leave
/// them all pinned in the pool afterwards.
/// </summary>
public sealed class VideoFramePool
{
    /// <summary>Free frames kept by default: a camera's latest-wins queue, the stage working on one and one spare.</summary>
    public const int DefaultMaxFree = 8;

    private readonly ConcurrentQueue<VideoFrame> _free = new();
    private readonly int _capacity;
    private int _freeCount;
    private long _created;
    private long _discarded;

    /// <summary>Creates a pool whose new frames hold <paramref name="frameBytes"/> bytes and which keeps at most
    /// <paramref name="maxFree"/> returned frames for reuse.</summary>
    public VideoFramePool(int frameBytes, int maxFree = DefaultMaxFree)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(frameBytes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxFree);
        _capacity = frameBytes;
        MaxFree = maxFree;
    }

    /// <summary>Most free frames the pool keeps; frames returned beyond it are left to the GC.</summary>
    public int MaxFree { get; }

    /// <summary>Frames this pool has ever created (stays flat in steady state).</summary>
    public long Created => Interlocked.Read(ref _created);

    /// <summary>Frames waiting to be rented again.</summary>
    public int Free => Volatile.Read(ref _freeCount);

    /// <summary>Returned frames not kept because <see cref="MaxFree"/> were already waiting.</summary>
    public long Discarded => Interlocked.Read(ref _discarded);

    /// <summary>A free frame, or a new one when all are in use.</summary>
    public VideoFrame Rent()
    {
        if (_free.TryDequeue(out var frame)) Interlocked.Decrement(ref _freeCount);
        else
        {
            Interlocked.Increment(ref _created);
            frame = new VideoFrame(_capacity, this);
        }
        frame.MarkRented();
        return frame;
    }

    /// <summary>Puts a rented frame back (<see cref="VideoFrame.Dispose"/> calls this); a frame already returned is ignored.</summary>
    /// <exception cref="ArgumentException">the frame belongs to another pool.</exception>
    public void Return(VideoFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (frame.Pool != this) throw new ArgumentException("the frame belongs to another pool", nameof(frame));
        if (!frame.TryEndRental()) return;
        if (Interlocked.Increment(ref _freeCount) > MaxFree)
        {
            Interlocked.Decrement(ref _freeCount);
            Interlocked.Increment(ref _discarded);
            return;
        }
        _free.Enqueue(frame);
    }
}
