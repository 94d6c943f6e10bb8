using EdgeAI.Vision;
using OpenCvSharp;

namespace EdgeAI.Drivers.Camera;

/// <summary>
/// A video file through OpenCV (FFmpeg inside): every frame in order, none dropped, copied into pooled BGR
/// <see cref="VideoFrame"/>s. A file that stops before the frame count its container announced is reported as
/// truncated, naming the frame, instead of ending quietly.
/// </summary>
public sealed class VideoFileSource : IVideoSource
{
    private readonly VideoCapture _capture;
    private readonly Mat _mat = new();
    private readonly VideoFramePool _pool;
    private long _next;

    /// <summary>Opens <paramref name="path"/>.</summary>
    /// <exception cref="FileNotFoundException">no such file.</exception>
    /// <exception cref="InvalidDataException">OpenCV cannot open it as video.</exception>
    public VideoFileSource(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no such video file", path);
        Name = path;
        OpenCvRuntime.Initialize();
        _capture = new VideoCapture(path, VideoCaptureAPIs.FFMPEG);
        if (!_capture.IsOpened())
        {
            _capture.Dispose();
            throw new InvalidDataException($"{path}: not a video this build can decode (truncated, or not a video file?)");
        }
        FramesPerSecond = _capture.Fps;
        AnnouncedFrames = Math.Max(0, (long)_capture.FrameCount);
        Width = _capture.FrameWidth;
        Height = _capture.FrameHeight;
        _pool = new VideoFramePool(Math.Max(1, Width * Height * 3));
    }

    /// <inheritdoc/>
    public string Name { get; }
    /// <inheritdoc/>
    public bool IsLive => false;
    /// <inheritdoc/>
    public double FramesPerSecond { get; }
    /// <inheritdoc/>
    public long DroppedFrames => 0;
    /// <summary>Frames the container says it holds (0 when it does not say).</summary>
    public long AnnouncedFrames { get; }
    /// <summary>Frame width in pixels.</summary>
    public int Width { get; }
    /// <summary>Frame height in pixels.</summary>
    public int Height { get; }
    /// <summary>Frames this source's pool has created (flat in steady state when frames are disposed).</summary>
    public long PooledFrames => _pool.Created;

    /// <inheritdoc/>
    public ValueTask<VideoFrame?> ReadAsync(CancellationToken cancellation = default)
    {
        cancellation.ThrowIfCancellationRequested();
        return new ValueTask<VideoFrame?>(Read());
    }

    /// <summary>The next frame (dispose it), or null at the end.</summary>
    public VideoFrame? Read()
    {
        if (!_capture.Read(_mat) || _mat.Empty())
        {
            // FFmpeg stops quietly at a cut; compare with what the container announced (a frame of slack for rounding).
            if (AnnouncedFrames > 0 && _next < AnnouncedFrames - 1)
                throw new InvalidDataException($"{Name}: frame {_next} of {AnnouncedFrames} could not be decoded (file truncated or corrupt?)");
            return null;
        }
        var frame = _pool.Rent();
        int stride = _mat.Cols * 3;
        var timestamp = FramesPerSecond > 0 ? TimeSpan.FromSeconds(_next / FramesPerSecond) : TimeSpan.FromMilliseconds(_capture.PosMsec);
        frame.Reset(_mat.Cols, _mat.Rows, stride, PixelFormat.Bgr24, _next, timestamp);
        MatCopy.ToFrame(_mat, frame);
        _next++;
        return frame;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _mat.Dispose();
        _capture.Dispose();
    }
}
