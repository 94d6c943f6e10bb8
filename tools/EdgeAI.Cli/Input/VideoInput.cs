using EdgeAI.Cli.Commands;
using EdgeAI.Drivers.Camera;
using EdgeAI.Vision;
using EdgeAI.Vision.Pipeline;

namespace EdgeAI.Cli.Input;

/// <summary>Opens the video source a command names and the annotated-video writer (drivers/EdgeAI.Drivers.Camera).</summary>
internal static class VideoInput
{
    public static IVideoSource Open(string? video, string? camera, string? gst)
    {
        if (video is not null) return VideoSources.OpenFile(video);
        if (camera is not null) return VideoSources.OpenCamera(camera);
        if (gst is not null) return VideoSources.OpenPipeline(gst);
        throw new UsageException("vision: give a video file, --camera DEV or --gst PIPELINE");
    }

    /// <summary>A writer that opens on the first frame, when the size is known.</summary>
    public static AnnotatedOutput CreateAnnotatedWriter(string path, IVideoSource source)
    {
        string extension = Path.GetExtension(path).ToLowerInvariant();
        if (extension is not (".mp4" or ".avi" or ".mov"))
            throw new UsageException($"--out {path}: expected a .mp4, .avi or .mov name (the video is written as mp4v)");
        return new AnnotatedOutput(path, source.FramesPerSecond);
    }
}

/// <summary>The annotated video of a vision run; <see cref="Complete"/> puts it in place.</summary>
internal sealed class AnnotatedOutput(string path, double fps) : IDisposable
{
    private AnnotatedVideoWriter? _writer;

    public void Write(VideoFrame frame, VisionResult result)
    {
        _writer ??= new AnnotatedVideoWriter(path, frame.Width, frame.Height, fps);
        _writer.Write(frame, result);
    }

    public void Complete() => _writer?.Complete();

    public void Dispose() => _writer?.Dispose();
}
