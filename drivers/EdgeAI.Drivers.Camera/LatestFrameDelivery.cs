using System.Threading.Channels;
using EdgeAI.Vision;

namespace EdgeAI.Drivers.Camera;

/// <summary>
/// Hand-over from a capture thread to the consumer through a bounded channel. Live sources are latest-frame-wins
/// (<see cref="BoundedChannelFullMode.DropOldest"/>: a frame pushed out is counted and its buffer handed back to the
/// pool); sources that are not live (a file through GStreamer) wait instead, so every frame arrives.
/// </summary>
public sealed class LatestFrameDelivery
{
    private readonly Channel<VideoFrame> _channel;
    private long _dropped;

    /// <summary>Keeps at most <paramref name="capacity"/> frames waiting (1 or 2 for cameras); <paramref name="dropOldest"/> false makes <see cref="Offer"/> wait instead.</summary>
    public LatestFrameDelivery(int capacity = 1, bool dropOldest = true)
    {
        DropsOldest = dropOldest;
        _channel = Channel.CreateBounded<VideoFrame>(
            new BoundedChannelOptions(capacity) { FullMode = dropOldest ? BoundedChannelFullMode.DropOldest : BoundedChannelFullMode.Wait, SingleReader = true, SingleWriter = true },
            dropped =>
            {
                Interlocked.Increment(ref _dropped);
                dropped.Dispose();
            });
    }

    /// <summary>Frames dropped because the consumer was behind.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>True for latest-wins delivery, false when every frame is delivered.</summary>
    public bool DropsOldest { get; }

    /// <summary>Offers a captured frame: latest-wins never blocks (the oldest waiting frame gives way); otherwise this
    /// waits for room (or until <paramref name="stop"/> says to give up).</summary>
    public void Offer(VideoFrame frame, Func<bool>? stop = null)
    {
        while (!_channel.Writer.TryWrite(frame))
        {
            // Full (only without DropOldest) or completed: wait for room in short slices so a stop request is seen.
            var room = _channel.Writer.WaitToWriteAsync().AsTask();
            while (!room.Wait(50))
                if (stop?.Invoke() == true) { frame.Dispose(); return; }
            if (!room.Result) { frame.Dispose(); return; } // completed: nobody will read it
        }
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
