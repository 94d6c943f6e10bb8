using System.Runtime.InteropServices;
using EdgeAI.Drivers.Camera.Interop;
using EdgeAI.Vision;

namespace EdgeAI.Drivers.Camera;

/// <summary>
/// A GStreamer pipeline ending in an appsink (<c>nvarguscamerasrc ... ! appsink</c> on Jetson, <c>v4l2src</c>,
/// <c>videotestsrc</c>) through the project's own P/Invoke: no OpenCV needed, so it works where no OpenCvSharp runtime
/// exists (linux-arm64). A capture thread pulls samples; live pipelines (a camera: no preroll) hand them over
/// latest-wins, others (a file, videotestsrc) deliver every frame. Formats RGB, BGR, GRAY8,
/// GRAY16_LE, NV12 and YUY2 arrive as they are (the vision preprocessor reads all six).
/// A pipeline without an appsink gets <c>! videoconvert ! video/x-raw,format=BGR ! appsink</c> appended.
/// </summary>
public sealed unsafe class GStreamerSource : IVideoSource
{
    /// <summary>The appsink name this source looks for.</summary>
    public const string SinkName = "edgeai_sink";

    private static readonly Lazy<string?> InitProblem = new(Initialize);
    private readonly SafeGstObject _pipeline;
    private readonly SafeGstObject _sink;
    private readonly LatestFrameDelivery _delivery;
    private readonly Dictionary<int, VideoFramePool> _pools = [];
    private readonly Thread _thread;
    private volatile bool _stop;

    /// <summary>Parses and starts <paramref name="pipeline"/>.</summary>
    /// <exception cref="InvalidDataException">GStreamer is missing, the pipeline does not parse, or it does not start (the message names GStreamer's reason).</exception>
    public GStreamerSource(string pipeline)
    {
        if (InitProblem.Value is { } problem) throw new InvalidDataException(problem);
        Name = pipeline;
        string description = WithSink(pipeline);
        Gst.GError* error = null;
        nint element = Gst.gst_parse_launch(description, &error);
        if (error != null)
        {
            string message = Gst.TakeMessage(error);
            if (element != 0) Gst.gst_object_unref(element);
            throw new InvalidDataException($"--gst: {message} (in '{pipeline}')");
        }
        _pipeline = new SafeGstObject(element);
        nint sink = Gst.gst_bin_get_by_name(element, SinkName);
        if (sink == 0)
        {
            _pipeline.Dispose();
            throw new InvalidDataException($"--gst: the pipeline's appsink must be named {SinkName} (appsink name={SinkName}), or leave the appsink out");
        }
        _sink = new SafeGstObject(sink);
        // A live source (camera) says so by not prerolling on the way to PAUSED: latest frame wins. Anything else
        // (a file, videotestsrc) is read frame by frame without drops, like a video file.
        int paused = Gst.gst_element_set_state(element, Gst.StatePaused);
        IsLive = paused == Gst.StateChangeNoPreroll;
        int started = paused == Gst.StateChangeFailure ? paused : Gst.gst_element_set_state(element, Gst.StatePlaying);
        _delivery = new LatestFrameDelivery(capacity: 2, dropOldest: IsLive);
        if (started == Gst.StateChangeFailure)
        {
            string reason = BusError() ?? "the pipeline refused to start";
            Dispose();
            throw new InvalidDataException($"--gst: {reason}");
        }
        _thread = new Thread(Capture) { IsBackground = true, Name = "gstreamer appsink" };
        _thread.Start();
    }

    /// <inheritdoc/>
    public string Name { get; }
    /// <inheritdoc/>
    public bool IsLive { get; }
    /// <inheritdoc/>
    public double FramesPerSecond => 0;
    /// <inheritdoc/>
    public long DroppedFrames => _delivery.Dropped;

    /// <summary>Null when libgstreamer and libgstapp load and initialise; otherwise why not and what to install.</summary>
    public static string? MissingReason => InitProblem.Value;

    /// <summary>The pipeline that runs: <paramref name="pipeline"/> with an appsink appended when it has none.</summary>
    public static string WithSink(string pipeline)
    {
        string trimmed = pipeline.Trim();
        if (!trimmed.Contains("appsink", StringComparison.Ordinal))
            return trimmed + $" ! videoconvert ! video/x-raw,format=BGR ! appsink name={SinkName} sync=false";
        if (trimmed.EndsWith("appsink", StringComparison.Ordinal)) return trimmed + $" name={SinkName}";
        return trimmed;
    }

    /// <inheritdoc/>
    public ValueTask<VideoFrame?> ReadAsync(CancellationToken cancellation = default) => _delivery.TakeAsync(cancellation);

    /// <inheritdoc/>
    public void Dispose()
    {
        _stop = true;
        if (_thread is { IsAlive: true }) _thread.Join(TimeSpan.FromSeconds(2));
        if (_pipeline is { IsInvalid: false, IsClosed: false }) Gst.gst_element_set_state(_pipeline.DangerousGetHandle(), Gst.StateNull);
        _sink?.Dispose();
        _pipeline?.Dispose();
        _delivery.Drain();
    }

    private static string? Initialize()
    {
        if (!NativeLibrary.TryLoad("libgstreamer-1.0.so.0", out _) || !NativeLibrary.TryLoad("libgstapp-1.0.so.0", out _))
            return "--gst: GStreamer is not installed (apt-get install gstreamer1.0-plugins-base; on Jetson it comes with JetPack)";
        Gst.GError* error = null;
        return Gst.gst_init_check(0, 0, &error) != 0 ? null : "--gst: GStreamer did not initialise: " + Gst.TakeMessage(error);
    }

    private void Capture()
    {
        long index = 0;
        var started = DateTime.UtcNow;
        try
        {
            nint sink = _sink.DangerousGetHandle();
            while (!_stop)
            {
                nint sample = Gst.gst_app_sink_try_pull_sample(sink, Gst.Second / 10);
                if (sample == 0)
                {
                    if (BusError() is { } error) throw new InvalidDataException("--gst: " + error);
                    if (Gst.gst_app_sink_is_eos(sink) != 0) break;
                    continue;
                }
                try
                {
                    _delivery.Offer(ToFrame(sample, index++, DateTime.UtcNow - started), () => _stop);
                }
                finally
                {
                    Gst.gst_mini_object_unref(sample);
                }
            }
            _delivery.Complete();
        }
        catch (Exception e)
        {
            _delivery.Complete(e is InvalidDataException ? e : new InvalidDataException($"--gst: capture failed: {e.Message}", e));
        }
    }

    private VideoFrame ToFrame(nint sample, long index, TimeSpan timestamp)
    {
        nint structure = Gst.gst_caps_get_structure(Gst.gst_sample_get_caps(sample), 0);
        Gst.gst_structure_get_int(structure, "width", out int width);
        Gst.gst_structure_get_int(structure, "height", out int height);
        string format = Marshal.PtrToStringUTF8(Gst.gst_structure_get_string(structure, "format")) ?? "";
        var pixels = format switch
        {
            "BGR" => PixelFormat.Bgr24,
            "RGB" => PixelFormat.Rgb24,
            "GRAY8" => PixelFormat.Gray8,
            "GRAY16_LE" => PixelFormat.Gray16,
            "NV12" => PixelFormat.Nv12,
            "YUY2" => PixelFormat.Yuyv,
            _ => throw new InvalidDataException($"--gst: the appsink gets {format}; expected BGR, RGB, GRAY8, GRAY16_LE, NV12 or YUY2 (add ! videoconvert ! video/x-raw,format=BGR before the appsink)"),
        };
        // GStreamer's default video layout pads every row (and NV12's planes) to 4 bytes.
        int stride = (VideoFrame.MinimumStride(width, pixels) + 3) & ~3;
        int required = VideoFrame.RequiredBytes(height, stride, pixels);
        if (!_pools.TryGetValue(required, out var pool)) _pools[required] = pool = new VideoFramePool(required);
        var frame = pool.Rent();
        frame.Reset(width, height, stride, pixels, index, timestamp);
        nint buffer = Gst.gst_sample_get_buffer(sample);
        Gst.MapInfo map;
        if (Gst.gst_buffer_map(buffer, &map, Gst.MapRead) == 0) throw new InvalidDataException("--gst: a buffer could not be mapped for reading");
        try
        {
            if ((int)map.Size < required)
                throw new InvalidDataException($"--gst: a {width}x{height} {format} buffer holds {map.Size} bytes, expected {required}");
            new ReadOnlySpan<byte>(map.Data, required).CopyTo(frame.Data);
        }
        finally
        {
            Gst.gst_buffer_unmap(buffer, &map);
        }
        return frame;
    }

    private string? BusError()
    {
        nint bus = Gst.gst_element_get_bus(_pipeline.DangerousGetHandle());
        if (bus == 0) return null;
        try
        {
            nint message = Gst.gst_bus_pop_filtered(bus, Gst.MessageError);
            if (message == 0) return null;
            Gst.GError* error = null;
            byte* debug = null;
            Gst.gst_message_parse_error(message, &error, &debug);
            string text = Gst.TakeMessage(error);
            if (debug != null) Gst.g_free(debug);
            Gst.gst_mini_object_unref(message);
            return text;
        }
        finally
        {
            Gst.gst_object_unref(bus);
        }
    }
}
