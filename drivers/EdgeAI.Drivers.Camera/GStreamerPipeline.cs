using System.Runtime.InteropServices;
using EdgeAI.Drivers.Camera.Interop;
using EdgeAI.Vision;

namespace EdgeAI.Drivers.Camera;

/// <summary>
/// A parsed, playing GStreamer pipeline and its appsink: pulls one sample at a time and copies it into a pooled
/// <see cref="VideoFrame"/> with the buffer's own timestamp. Single-threaded: <see cref="GStreamerSource"/> drives it
/// from its capture thread (tests drive it directly).
/// </summary>
internal sealed unsafe class GStreamerPipeline : IDisposable
{
    /// <summary>The appsink name this pipeline looks for.</summary>
    public const string SinkName = "edgeai_sink";

    private static readonly Lazy<string?> InitProblem = new(Initialize);
    private static readonly TimeSpan PrerollTimeout = TimeSpan.FromSeconds(10);
    private readonly SafeGstObject _pipeline;
    private readonly SafeGstObject _sink;
    private readonly Dictionary<int, VideoFramePool> _pools = [];
    private SafeGstMiniObject? _caps;
    private VideoFramePool? _pool;
    private int _width, _height, _stride, _uvOffset, _bufferBytes;
    private PixelFormat _format;
    private double _framesPerSecond;

    /// <summary>Parses <paramref name="pipeline"/>, waits for a non-live one to preroll and starts it.</summary>
    /// <exception cref="InvalidDataException">GStreamer is missing, the pipeline does not parse, does not start, or its appsink gets a format EdgeAI does not read.</exception>
    public GStreamerPipeline(string pipeline)
    {
        if (InitProblem.Value is { } problem) throw new InvalidDataException(problem);
        Description = pipeline;
        Gst.GError* error = null;
        nint element = Gst.gst_parse_launch(WithSink(pipeline), &error);
        if (error != null)
        {
            string message = Gst.TakeMessage(error);
            if (element != 0) Gst.gst_object_unref(element);
            throw Fail($"{message} (in '{pipeline}')");
        }
        _pipeline = new SafeGstObject(element);
        nint sink = Gst.gst_bin_get_by_name(element, SinkName);
        if (sink == 0)
        {
            _pipeline.Dispose();
            throw Fail($"the pipeline's appsink must be named {SinkName} (appsink name={SinkName}), or leave the appsink out");
        }
        _sink = new SafeGstObject(sink);
        try
        {
            Start(element);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The pipeline as the user gave it.</summary>
    public string Description { get; }

    /// <summary>True when the pipeline has a live source (a camera: it did not preroll on the way to PAUSED).</summary>
    public bool IsLive { get; private set; }

    /// <summary>The framerate the appsink's caps announce (0 before the caps are known or for variable rates).</summary>
    public double FramesPerSecond => Volatile.Read(ref _framesPerSecond);

    /// <summary>True once the appsink has seen the end of the stream.</summary>
    public bool Ended { get; private set; }

    /// <summary>Frames created by this pipeline's pools (flat in steady state when frames are disposed).</summary>
    public long PooledFrames
    {
        get
        {
            long created = 0;
            foreach (var pool in _pools.Values) created += pool.Created;
            return created;
        }
    }

    /// <summary>Null when libgstreamer and libgstapp load and initialise; otherwise why not and what to install.</summary>
    public static string? MissingReason => InitProblem.Value;

    /// <summary>
    /// The pipeline that runs: <paramref name="pipeline"/> with <c>! videoconvert ! video/x-raw,format=BGR ! appsink</c>
    /// appended when it has no appsink; a final appsink without a name gets <see cref="SinkName"/> (and <c>sync=false</c>
    /// unless it sets sync).
    /// </summary>
    public static string WithSink(string pipeline)
    {
        string trimmed = pipeline.Trim();
        if (!trimmed.Contains("appsink", StringComparison.Ordinal))
            return trimmed + $" ! videoconvert ! video/x-raw,format=BGR ! appsink name={SinkName} sync=false";
        int last = trimmed.LastIndexOf('!') + 1;
        var final = trimmed.AsSpan(last).TrimStart();
        bool unnamedAppsink = final.StartsWith("appsink") && (final.Length == 7 || char.IsWhiteSpace(final[7])) && !final.Contains("name=", StringComparison.Ordinal);
        if (!unnamedAppsink) return trimmed;
        // Frames carry their own timestamps, so the sink need not wait for the clock unless the user asks (sync=true).
        string sync = (" " + final.ToString()).Contains(" sync=", StringComparison.Ordinal) ? "" : " sync=false"; // not async=
        return trimmed[..last] + " " + $"appsink name={SinkName}{sync}" + final[7..].ToString();
    }

    /// <summary>
    /// The next frame (the caller disposes it), or null when none came within <paramref name="timeoutNs"/> or the
    /// stream ended (<see cref="Ended"/>). <paramref name="untimed"/> is the frame's time when its buffer carries none.
    /// </summary>
    /// <exception cref="InvalidDataException">the pipeline posted an error, or a buffer does not match its caps.</exception>
    public VideoFrame? TryPull(long index, TimeSpan untimed, ulong timeoutNs)
    {
        using var sample = new GstSampleRef(Gst.gst_app_sink_try_pull_sample(_sink.DangerousGetHandle(), timeoutNs));
        if (sample.IsEmpty)
        {
            if (BusError() is { } error) throw Fail(error);
            if (Gst.gst_app_sink_is_eos(_sink.DangerousGetHandle()) != 0) Ended = true;
            return null;
        }
        nint caps = Gst.gst_sample_get_caps(sample.Handle);
        if (_caps is null || _caps.DangerousGetHandle() != caps) ReadLayout(caps);
        nint buffer = Gst.gst_sample_get_buffer(sample.Handle);
        ulong pts = ((Gst.BufferHeader*)buffer)->Pts;
        var timestamp = pts == Gst.ClockTimeNone ? untimed : TimeSpan.FromTicks((long)(pts / 100));
        var frame = _pool!.Rent();
        frame.Reset(_width, _height, _stride, _format, index, timestamp);
        Gst.MapInfo map;
        if (Gst.gst_buffer_map(buffer, &map, Gst.MapRead) == 0)
        {
            frame.Dispose();
            throw Fail("a buffer could not be mapped for reading");
        }
        try
        {
            if ((long)map.Size < _bufferBytes)
            {
                frame.Dispose();
                throw Fail($"a {_width}x{_height} {_format} buffer holds {map.Size} bytes, its caps need {_bufferBytes}");
            }
            var source = new ReadOnlySpan<byte>(map.Data, _bufferBytes);
            var target = frame.Data;
            int planeBytes = _stride * _height;
            source[..planeBytes].CopyTo(target);
            // NV12's chroma plane starts after an even number of luma rows in GStreamer's layout, right after the last in ours.
            if (_format == PixelFormat.Nv12) source.Slice(_uvOffset, target.Length - planeBytes).CopyTo(target[planeBytes..]);
        }
        finally
        {
            Gst.gst_buffer_unmap(buffer, &map);
        }
        return frame;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_pipeline is { IsInvalid: false, IsClosed: false }) Gst.gst_element_set_state(_pipeline.DangerousGetHandle(), Gst.StateNull);
        _caps?.Dispose();
        _sink?.Dispose();
        _pipeline?.Dispose();
    }

    /// <summary>The one way GStreamer problems become exceptions: one line, prefixed with the option the user gave.</summary>
    private static InvalidDataException Fail(string reason) => new("--gst: " + reason);

    private void Start(nint element)
    {
        int paused = Gst.gst_element_set_state(element, Gst.StatePaused);
        if (paused == Gst.StateChangeAsync)
            paused = Gst.gst_element_get_state(element, out _, out _, (ulong)PrerollTimeout.Ticks * 100);
        if (paused == Gst.StateChangeFailure) throw Fail(BusError() ?? "the pipeline refused to start");
        // A live source (camera) does not preroll: latest frame wins. Anything else (a file, videotestsrc) is read
        // frame by frame without drops, like a video file, and its caps are known now.
        IsLive = paused == Gst.StateChangeNoPreroll;
        if (paused == Gst.StateChangeSuccess) ReadPrerolledCaps();
        if (Gst.gst_element_set_state(element, Gst.StatePlaying) == Gst.StateChangeFailure)
            throw Fail(BusError() ?? "the pipeline refused to start");
    }

    private void ReadPrerolledCaps()
    {
        nint pad = Gst.gst_element_get_static_pad(_sink.DangerousGetHandle(), "sink");
        if (pad == 0) return;
        using var padRef = new SafeGstObject(pad);
        nint caps = Gst.gst_pad_get_current_caps(pad);
        if (caps == 0) return;
        using var capsRef = new SafeGstMiniObject(caps);
        ReadLayout(caps);
    }

    private void ReadLayout(nint caps)
    {
        nint structure = Gst.gst_caps_get_structure(caps, 0);
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
            _ => throw Fail($"the appsink gets {format}; expected BGR, RGB, GRAY8, GRAY16_LE, NV12 or YUY2 (add ! videoconvert ! video/x-raw,format=BGR before the appsink)"),
        };
        if (width <= 0 || height <= 0) throw Fail($"the appsink's caps have no frame size ({width}x{height})");
        // GStreamer's default video layout (what an appsink gets): rows padded to 4 bytes; NV12's chroma plane
        // starts after an even number of luma rows and holds ceil(height / 2) rows of the same stride.
        _stride = (VideoFrame.MinimumStride(width, pixels) + 3) & ~3;
        _uvOffset = _stride * ((height + 1) & ~1);
        _bufferBytes = pixels == PixelFormat.Nv12 ? _uvOffset + _stride * ((height + 1) / 2) : _stride * height;
        (_width, _height, _format) = (width, height, pixels);
        int frameBytes = VideoFrame.RequiredBytes(height, _stride, pixels);
        if (!_pools.TryGetValue(frameBytes, out _pool)) _pools[frameBytes] = _pool = new VideoFramePool(frameBytes);
        double fps = Gst.gst_structure_get_fraction(structure, "framerate", out int numerator, out int denominator) != 0 && denominator > 0
            ? (double)numerator / denominator : 0;
        Volatile.Write(ref _framesPerSecond, fps);
        // Hold a reference so the address compared in TryPull cannot be reused by other caps.
        _caps?.Dispose();
        _caps = new SafeGstMiniObject(Gst.gst_mini_object_ref(caps));
    }

    private static string? Initialize()
    {
        if (!NativeLibrary.TryLoad("libgstreamer-1.0.so.0", out _) || !NativeLibrary.TryLoad("libgstapp-1.0.so.0", out _))
            return "--gst: GStreamer is not installed (apt-get install gstreamer1.0-plugins-base; on Jetson it comes with JetPack)";
        Gst.GError* error = null;
        return Gst.gst_init_check(0, 0, &error) != 0 ? null : "--gst: GStreamer did not initialise: " + Gst.TakeMessage(error);
    }

    /// <summary>The first error the pipeline posted, as "element: message (detail)", or null when there is none.</summary>
    private string? BusError()
    {
        nint bus = Gst.gst_element_get_bus(_pipeline.DangerousGetHandle());
        if (bus == 0) return null;
        using var busRef = new SafeGstObject(bus);
        nint popped = Gst.gst_bus_pop_filtered(bus, Gst.MessageError);
        if (popped == 0) return null;
        using var message = new SafeGstMiniObject(popped);
        Gst.GError* error = null;
        byte* debug = null;
        Gst.gst_message_parse_error(popped, &error, &debug);
        string text = Gst.TakeMessage(error);
        // The debug string is "file(line): function (): /path/to/element:\ndetail"; the detail is what users need ("No such file").
        string? detail = null;
        if (debug != null)
        {
            string all = Marshal.PtrToStringUTF8((nint)debug) ?? "";
            Gst.g_free(debug);
            int newline = all.LastIndexOf('\n');
            if (newline >= 0 && newline < all.Length - 1) detail = all[(newline + 1)..].Trim();
        }
        string? element = null;
        nint source = ((Gst.MessageHeader*)popped)->Source;
        if (source != 0 && Gst.gst_object_get_name(source) is var name && name != null)
        {
            element = Marshal.PtrToStringUTF8((nint)name);
            Gst.g_free(name);
        }
        return (element is null ? "" : element + ": ") + text + (detail is null ? "" : $" ({detail})");
    }
}
