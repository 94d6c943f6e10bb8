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
    private readonly Thread _thread;
    private volatile bool _stop;

    /// <summary>Opens <paramref name="device"/> (a path like /dev/video0 or an index).</summary>
    /// <exception cref="FileNotFoundException">no such device.</exception>
    /// <exception cref="InvalidDataException">the device cannot be opened as a camera.</exception>
    public CameraSource(string device)
    {
        Name = device;
        int index = int.TryParse(device, out int n) ? n
            : device.StartsWith("/dev/video", StringComparison.Ordinal) && int.TryParse(device["/dev/video".Length..], out n) ? n
            : throw new InvalidDataException($"{device}: expected a camera like /dev/video0 or an index like 0");
        string path = "/dev/video" + index;
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no such camera (ls /dev/video*; edgeai doctor lists cameras)", path);
        OpenCvLog.Quiet();
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
        var started = DateTime.UtcNow;
        try
        {
            while (!_stop)
            {
                if (!_capture.Read(mat) || mat.Empty()) break;
                var frame = _pool.Rent();
                frame.Reset(mat.Cols, mat.Rows, mat.Cols * 3, PixelFormat.Bgr24, index++, DateTime.UtcNow - started);
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
