using System.Threading.Channels;
using EdgeAI.Vision;

namespace EdgeAI.Drivers.Camera;

/// <summary>
/// Latest-frame-wins hand-over from a live capture thread to a slower consumer: a bounded channel with
/// <see cref="BoundedChannelFullMode.DropOldest"/>; a frame pushed out is counted and its buffer handed back to the pool.
/// </summary>
public sealed class LatestFrameDelivery
{
    private readonly Channel<VideoFrame> _channel;
    private long _dropped;

    /// <summary>Keeps at most <paramref name="capacity"/> frames waiting (1 or 2 for cameras).</summary>
    public LatestFrameDelivery(int capacity = 1)
    {
        _channel = Channel.CreateBounded<VideoFrame>(
            new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true, SingleWriter = true },
            dropped =>
            {
                Interlocked.Increment(ref _dropped);
                dropped.Dispose();
            });
    }

    /// <summary>Frames dropped because the consumer was behind.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Offers a captured frame (never blocks; the oldest waiting frame gives way).</summary>
    public void Offer(VideoFrame frame)
    {
        if (!_channel.Writer.TryWrite(frame)) frame.Dispose(); // completed: nobody will read it
    }

    /// <summary>No more frames will come (end of stream or capture error).</summary>
    public void Complete(Exception? error = null) => _channel.Writer.TryComplete(error);

    /// <summary>The newest frame, or null once completed and drained.</summary>
    public async ValueTask<VideoFrame?> TakeAsync(CancellationToken cancellation = default)
    {
        while (await _channel.Reader.WaitToReadAsync(cancellation))
            if (_channel.Reader.TryRead(out var frame)) return frame;
        return null;
    }

    /// <summary>Disposes frames still waiting (after the consumer stopped).</summary>
    public void Drain()
    {
        while (_channel.Reader.TryRead(out var frame)) frame.Dispose();
    }
}
