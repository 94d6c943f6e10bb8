namespace EdgeAI.Vision;

/// <summary>
/// Where pictures come from: a video file, a V4L2 camera or a GStreamer pipeline (drivers/EdgeAI.Drivers.Camera).
/// Files deliver every frame in order (results are reproducible); live sources are latest-frame-wins and count drops.
/// </summary>
public interface IVideoSource : IDisposable
{
    /// <summary>What the user named: a path, <c>/dev/video0</c> or a pipeline.</summary>
    string Name { get; }
    /// <summary>True for cameras and pipelines (frames may be dropped), false for files (never dropped).</summary>
    bool IsLive { get; }
    /// <summary>Nominal frames per second (0 when the source does not say).</summary>
    double FramesPerSecond { get; }
    /// <summary>Frames a live source dropped because the consumer was slower than the camera.</summary>
    long DroppedFrames { get; }

    /// <summary>The next frame (the caller disposes it), or null at the end of a file or when the source closed.</summary>
    /// <exception cref="InvalidDataException">the file is corrupt or truncated (the message names it and the frame).</exception>
    ValueTask<VideoFrame?> ReadAsync(CancellationToken cancellation = default);
}
