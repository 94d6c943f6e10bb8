using EdgeAI.Vision;
using OpenCvSharp;

namespace EdgeAI.Drivers.Camera;

/// <summary>
/// A V4L2 camera (<c>/dev/videoN</c>) through OpenCV: a capture thread reads as fast as the camera delivers and hands
/// frames over latest-wins, so a slow consumer sees the newest picture and <see cref="DroppedFrames"/> counts the rest.
/// </summary>
public sealed class CameraSource : IVideoSource
{
    private readonly VideoCapture _capture;
    private readonly VideoFramePool _pool;
    private readonly LatestFrameDelivery _delivery = new(capacity: 1);
    private readonly TimeProvider _time;
    private readonly Thread _thread;
    private volatile bool _stop;

    /// <summary>Opens <paramref name="device"/>: <c>/dev/video0</c>, an index like <c>0</c>, or a stable link such as <c>/dev/v4l/by-id/...</c>.</summary>
    /// <param name="device">the camera.</param>
    /// <param name="time">the clock frames are timed with (default: the system clock).</param>
    /// <exception cref="FileNotFoundException">no such device.</exception>
    /// <exception cref="InvalidDataException">the device cannot be opened as a camera.</exception>
    public CameraSource(string device, TimeProvider? time = null)
    {
        Name = device;
        _time = time ?? TimeProvider.System;
        int index = DeviceIndex(device);
        string path = "/dev/video" + index;
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no such camera (ls /dev/video*; edgeai doctor lists cameras)", path);
        OpenCvRuntime.Initialize();
        _capture = new VideoCapture(index, VideoCaptureAPIs.V4L2);
        if (!_capture.IsOpened())
        {
            _capture.Dispose();
            throw new InvalidDataException($"{path}: cannot be opened as a V4L2 camera (busy, or not a capture device?)");
        }
        FramesPerSecond = _capture.Fps;
        _pool = new VideoFramePool(Math.Max(1, _capture.FrameWidth * _capture.FrameHeight * 3));
        _thread = new Thread(Capture) { IsBackground = true, Name = "camera " + path };
        _thread.Start();
    }

    /// <inheritdoc/>
    public string Name { get; }
    /// <inheritdoc/>
    public bool IsLive => true;
    /// <inheritdoc/>
    public double FramesPerSecond { get; }
    /// <inheritdoc/>
    public long DroppedFrames => _delivery.Dropped;

    /// <summary>The V4L2 index of <paramref name="device"/>: <c>3</c>, <c>/dev/video3</c>, or a link to <c>/dev/video3</c> (udev's by-id and by-path names stay the same across reboots).</summary>
    /// <exception cref="InvalidDataException">it names no V4L2 device.</exception>
    public static int DeviceIndex(string device)
    {
        if (int.TryParse(device, out int index) && index >= 0) return index;
        string path = device;
        // udev's links are relative ("../../video0"); follow a few hops without needing the device to exist.
        for (int hop = 0; hop < 8 && !path.StartsWith("/dev/video", StringComparison.Ordinal) && new FileInfo(path).LinkTarget is { } target; hop++)
            path = Path.GetFullPath(target, Path.GetDirectoryName(path)!);
        if (path.StartsWith("/dev/video", StringComparison.Ordinal) && int.TryParse(path["/dev/video".Length..], out index) && index >= 0) return index;
        throw new InvalidDataException($"{device}: expected a camera like /dev/video0, an index like 0 or a link to one (/dev/v4l/by-id/...)");
    }

    /// <inheritdoc/>
    public ValueTask<VideoFrame?> ReadAsync(CancellationToken cancellation = default) => _delivery.TakeAsync(cancellation);

    /// <inheritdoc/>
    public void Dispose()
    {
        _stop = true;
        _thread.Join(TimeSpan.FromSeconds(2));
        _delivery.Drain();
        _capture.Dispose();
    }

    private void Capture()
    {
        using var mat = new Mat();
        long index = 0;
        long started = _time.GetTimestamp();
        try
        {
            while (!_stop)
            {
                if (!_capture.Read(mat) || mat.Empty()) break;
                var frame = _pool.Rent();
                frame.Reset(mat.Cols, mat.Rows, mat.Cols * 3, PixelFormat.Bgr24, index++, _time.GetElapsedTime(started));
                MatCopy.ToFrame(mat, frame);
                _delivery.Offer(frame);
            }
            _delivery.Complete();
        }
        catch (Exception e)
        {
            _delivery.Complete(new InvalidDataException($"{Name}: capture failed: {e.Message}", e));
        }
    }
}
