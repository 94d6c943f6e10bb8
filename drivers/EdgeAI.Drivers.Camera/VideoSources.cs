using EdgeAI.Vision;

namespace EdgeAI.Drivers.Camera;

/// <summary>Opens what a user names: a video file, a V4L2 camera or a GStreamer pipeline.</summary>
public static class VideoSources
{
    /// <summary>The prefix that marks a GStreamer pipeline in <see cref="Open"/>.</summary>
    public const string PipelinePrefix = "gst:";

    /// <summary>
    /// Opens one source named by a single string (a configuration value): <c>gst:PIPELINE</c> is a GStreamer pipeline,
    /// <c>/dev/videoN</c>, <c>/dev/v4l/...</c> or a bare number is a camera, anything else a video file.
    /// </summary>
    /// <exception cref="FileNotFoundException">the file or camera does not exist.</exception>
    /// <exception cref="InvalidDataException">it exists but cannot be read as video (the message says why).</exception>
    public static IVideoSource Open(string spec)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(spec);
        if (spec.StartsWith(PipelinePrefix, StringComparison.Ordinal)) return OpenPipeline(spec[PipelinePrefix.Length..]);
        if (IsCamera(spec)) return OpenCamera(spec);
        return OpenFile(spec);
    }

    /// <summary>A video file (frame by frame, no drops).</summary>
    public static IVideoSource OpenFile(string path) => new VideoFileSource(path);

    /// <summary>A GStreamer pipeline ending in an appsink (latest frame wins when live; needs no OpenCV).</summary>
    public static IVideoSource OpenPipeline(string pipeline) => new GStreamerSource(pipeline);

    /// <summary>A live camera (latest frame wins).</summary>
    public static IVideoSource OpenCamera(string device) => new CameraSource(device);

    private static bool IsCamera(string spec) =>
        spec.StartsWith("/dev/video", StringComparison.Ordinal) || spec.StartsWith("/dev/v4l/", StringComparison.Ordinal)
        || (spec.Length <= 3 && int.TryParse(spec, out int index) && index >= 0);
}
