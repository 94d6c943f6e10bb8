using EdgeAI.Vision;

namespace EdgeAI.Drivers.Camera;

/// <summary>
/// A GStreamer pipeline ending in an appsink (<c>nvarguscamerasrc ... ! appsink</c> on Jetson, <c>v4l2src</c>,
/// <c>videotestsrc</c>) through the project's own P/Invoke: no OpenCV needed, so it works where no OpenCvSharp runtime
/// exists (linux-arm64). A capture thread pulls samples; live pipelines (a camera: no preroll) hand them over
/// latest-wins, others (a file, videotestsrc) deliver every frame. Formats RGB, BGR, GRAY8,
/// GRAY16_LE, NV12 and YUY2 arrive as they are (the vision preprocessor reads all six), timed by the buffers'
/// presentation timestamps. A pipeline without an appsink gets <c>! videoconvert ! video/x-raw,format=BGR ! appsink</c>
/// appended; a final appsink without a name is named <see cref="SinkName"/> (see <see cref="WithSink"/>).
/// </summary>
public sealed class GStreamerSource : IVideoSource
{
    /// <summary>The appsink name this source looks for.</summary>
    public const string SinkName = GStreamerPipeline.SinkName;

    private const ulong PullTimeoutNs = 100_000_000;
    private readonly GStreamerPipeline _pipeline;
    private readonly LatestFrameDelivery _delivery;
    private readonly TimeProvider _time;
    private readonly Func<bool> _stopRequested;
    private readonly Thread _thread;
    private volatile bool _stop;

    /// <summary>Parses and starts <paramref name="pipeline"/>.</summary>
    /// <param name="pipeline">a gst-launch style description.</param>
    /// <param name="time">clock for buffers that carry no timestamp (default: the system clock).</param>
    /// <exception cref="InvalidDataException">GStreamer is missing, the pipeline does not parse, or it does not start (the message names GStreamer's reason).</exception>
    public GStreamerSource(string pipeline, TimeProvider? time = null)
    {
        _pipeline = new GStreamerPipeline(pipeline);
        _time = time ?? TimeProvider.System;
        _delivery = new LatestFrameDelivery(capacity: 2, dropOldest: _pipeline.IsLive);
        _stopRequested = () => _stop;
        _thread = new Thread(Capture) { IsBackground = true, Name = "gstreamer appsink" };
        _thread.Start();
    }

    /// <inheritdoc/>
    public string Name => _pipeline.Description;
    /// <inheritdoc/>
    public bool IsLive => _pipeline.IsLive;
    /// <summary>The framerate the appsink's caps announce: known at open for pipelines that preroll, after the first frame for live ones (0 before, or for variable rates).</summary>
    public double FramesPerSecond => _pipeline.FramesPerSecond;
    /// <inheritdoc/>
    public long DroppedFrames => _delivery.Dropped;

    /// <summary>Null when libgstreamer and libgstapp load and initialise; otherwise why not and what to install.</summary>
    public static string? MissingReason => GStreamerPipeline.MissingReason;

    /// <summary>The pipeline that runs: an appsink appended when there is none, a final unnamed one named <see cref="SinkName"/>.</summary>
    public static string WithSink(string pipeline) => GStreamerPipeline.WithSink(pipeline);

    /// <inheritdoc/>
    public ValueTask<VideoFrame?> ReadAsync(CancellationToken cancellation = default) => _delivery.TakeAsync(cancellation);

    /// <inheritdoc/>
    public void Dispose()
    {
        _stop = true;
        if (_thread.IsAlive) _thread.Join(TimeSpan.FromSeconds(2));
        _pipeline.Dispose();
        _delivery.Drain();
    }

    private void Capture()
    {
        long index = 0;
        long started = _time.GetTimestamp();
        try
        {
            while (!_stop)
            {
                var frame = _pipeline.TryPull(index, _time.GetElapsedTime(started), PullTimeoutNs);
                if (frame is null)
                {
                    if (_pipeline.Ended) break;
                    continue;
                }
                index++;
                _delivery.Offer(frame, _stopRequested);
            }
            _delivery.Complete();
        }
        catch (Exception e)
        {
            _delivery.Complete(e is InvalidDataException ? e : new InvalidDataException($"--gst: capture failed: {e.Message}", e));
        }
    }
}
