using System.Globalization;
using EdgeAI.Vision;
using EdgeAI.Vision.Faces;
using EdgeAI.Vision.Monitoring;
using EdgeAI.Vision.Pipeline;
using OpenCvSharp;

namespace EdgeAI.Drivers.Camera;

/// <summary>
/// Writes frames with what the pipeline saw drawn on them (face boxes, the six keypoints, head pose and attention state)
/// as an mp4v video. The video goes to a temporary file beside the target and is renamed by <see cref="Complete"/>;
/// disposing without completing deletes it, so a failed run never leaves half a video.
/// </summary>
public sealed class AnnotatedVideoWriter : IDisposable
{
    private readonly VideoWriter _writer;
    private readonly Mat _bgr;
    private readonly string _tempPath;
    private Mat? _staging;
    private Mat? _gray;
    private bool _done;

    /// <summary>Opens a writer for <paramref name="width"/> x <paramref name="height"/> frames at <paramref name="fps"/>.</summary>
    public AnnotatedVideoWriter(string path, int width, int height, double fps)
    {
        Path = path;
        string full = System.IO.Path.GetFullPath(path);
        string directory = System.IO.Path.GetDirectoryName(full)!;
        var target = EdgeAI.IO.FileIdentity.Of(full);
        if (target.Kind is not (EdgeAI.IO.FileKind.Missing or EdgeAI.IO.FileKind.Regular))
            throw new IOException($"{path}: is {target.Describe()}; expected a regular file path for the video");
        try
        {
            Directory.CreateDirectory(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"{path}: cannot write a video here ({e.Message})", e);
        }
        // OpenCV picks the container from the extension, so the temporary name keeps it.
        _tempPath = System.IO.Path.Combine(directory, "." + System.IO.Path.GetFileNameWithoutExtension(full) + ".tmp-" + Environment.ProcessId + System.IO.Path.GetExtension(full));
        OpenCvRuntime.Initialize();
        _writer = new VideoWriter(_tempPath, FourCC.FromString("mp4v"), fps > 0 ? fps : 30, new Size(width, height));
        if (!_writer.IsOpened())
        {
            _writer.Dispose();
            throw new InvalidDataException($"{path}: cannot write an mp4v video here (use a .mp4 or .avi name in a writable folder)");
        }
        _bgr = new Mat(height, width, MatType.CV_8UC3);
    }

    /// <summary>Where the video ends up.</summary>
    public string Path { get; }

    /// <summary>Frames written.</summary>
    public long Frames { get; private set; }

    /// <summary>Appends <paramref name="frame"/> as it is (any <see cref="PixelFormat"/>, converted to BGR), without overlay.</summary>
    public void Write(VideoFrame frame)
    {
        ToBgr(frame);
        _writer.Write(_bgr);
        Frames++;
    }

    /// <summary>Draws <paramref name="result"/> over <paramref name="frame"/> and appends it.</summary>
    public void Write(VideoFrame frame, VisionResult result)
    {
        ToBgr(frame);
        var faces = result.Faces;
        var poses = result.Poses;
        for (int i = 0; i < faces.Length; i++)
        {
            var box = faces[i].Box;
            var color = i == result.DriverFace ? StateColor(result.Attention.State) : new Scalar(200, 200, 200);
            Cv2.Rectangle(_bgr, new Rect((int)box.X, (int)box.Y, (int)box.Width, (int)box.Height), color, i == result.DriverFace ? 2 : 1);
            for (int k = 0; k < FaceKeypoints.Count; k++)
            {
                var p = faces[i].Keypoints[(FaceKeypoint)k];
                Cv2.Circle(_bgr, new Point((int)p.X, (int)p.Y), 2, new Scalar(0, 255, 255), -1);
            }
            Cv2.PutText(_bgr, string.Format(CultureInfo.InvariantCulture, "{0:F2} yaw {1:F2} pitch {2:F2}", faces[i].Score, poses[i].Yaw, poses[i].Pitch),
                new Point((int)box.X, Math.Max(12, (int)box.Y - 6)), HersheyFonts.HersheySimplex, 0.4, color, 1);
        }
        Cv2.PutText(_bgr, string.Format(CultureInfo.InvariantCulture, "{0:F2} s  {1}  awareness {2:F2}", result.Timestamp.TotalSeconds, result.Attention.State, result.Attention.Awareness),
            new Point(8, 20), HersheyFonts.HersheySimplex, 0.55, StateColor(result.Attention.State), 1);
        _writer.Write(_bgr);
        Frames++;
    }

    /// <summary>Finishes the video and moves it into place.</summary>
    public void Complete()
    {
        if (_done) throw new InvalidOperationException("already completed");
        _writer.Release();
        // OpenCV's writer reports nothing when the disk fills: a video that does not read back whole is not kept.
        long readable;
        using (var check = new VideoCapture(_tempPath, VideoCaptureAPIs.FFMPEG))
            readable = check.IsOpened() ? (long)check.Get(VideoCaptureProperties.FrameCount) : -1;
        if (readable < Frames)
        {
            File.Delete(_tempPath);
            _done = true;
            throw new IOException($"{Path}: the video could not be written completely ({(readable < 0 ? "it does not open" : $"{readable} of {Frames} frames read back")}; is the disk full?); nothing was kept");
        }
        File.Move(_tempPath, Path, overwrite: true);
        _done = true;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _writer.Dispose();
        _bgr.Dispose();
        _staging?.Dispose();
        _gray?.Dispose();
        if (!_done && File.Exists(_tempPath)) File.Delete(_tempPath);
        _done = true;
    }

    private void ToBgr(VideoFrame frame)
    {
        if (frame.Width != _bgr.Cols || frame.Height != _bgr.Rows)
            throw new InvalidDataException($"{Path}: frame {frame.Index} is {frame.Width}x{frame.Height}, the video is {_bgr.Cols}x{_bgr.Rows}");
        switch (frame.Format)
        {
            case PixelFormat.Bgr24:
                MatCopy.FromFrame(frame, _bgr, frame.Width * 3);
                break;
            case PixelFormat.Rgb24:
                Convert(frame, MatType.CV_8UC3, frame.Height, frame.Width * 3, ColorConversionCodes.RGB2BGR);
                break;
            case PixelFormat.Gray8:
                Convert(frame, MatType.CV_8UC1, frame.Height, frame.Width, ColorConversionCodes.GRAY2BGR);
                break;
            case PixelFormat.Gray16:
                // Near-infrared 16-bit: keep the top 8 bits for display.
                var staging = Staging(MatType.CV_16UC1, frame.Height);
                MatCopy.FromFrame(frame, staging, frame.Width * 2);
                _gray ??= new Mat(_bgr.Rows, _bgr.Cols, MatType.CV_8UC1);
                staging.ConvertTo(_gray, MatType.CV_8UC1, 1.0 / 256);
                Cv2.CvtColor(_gray, _bgr, ColorConversionCodes.GRAY2BGR);
                break;
            case PixelFormat.Nv12:
                Convert(frame, MatType.CV_8UC1, frame.Height * 3 / 2, frame.Width, ColorConversionCodes.YUV2BGR_NV12);
                break;
            case PixelFormat.Yuyv:
                Convert(frame, MatType.CV_8UC2, frame.Height, frame.Width * 2, ColorConversionCodes.YUV2BGR_YUYV);
                break;
        }
    }

    private void Convert(VideoFrame frame, MatType type, int rows, int rowBytes, ColorConversionCodes code)
    {
        var staging = Staging(type, rows);
        MatCopy.FromFrame(frame, staging, rowBytes);
        Cv2.CvtColor(staging, _bgr, code);
    }

    private Mat Staging(MatType type, int rows)
    {
        if (_staging is null || _staging.Type() != type || _staging.Rows != rows)
        {
            _staging?.Dispose();
            _staging = new Mat(rows, _bgr.Cols, type);
        }
        return _staging;
    }

    private static Scalar StateColor(AttentionState state) => state switch
    {
        AttentionState.Attentive => new Scalar(0, 200, 0),
        AttentionState.Unknown => new Scalar(0, 200, 255),
        _ => new Scalar(0, 0, 255),
    };
}
