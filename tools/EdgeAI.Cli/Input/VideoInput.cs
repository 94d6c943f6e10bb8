using EdgeAI.Cli.Commands;
using EdgeAI.Vision;
using EdgeAI.Vision.Pipeline;

namespace EdgeAI.Cli.Input;

/// <summary>Opens the video source a command names and the annotated-video writer (drivers/EdgeAI.Drivers.Camera).</summary>
internal static class VideoInput
{
    public static IVideoSource Open(string? video, string? camera, string? gst) =>
        throw new UsageException("vision: video sources come from drivers/EdgeAI.Drivers.Camera, not merged into this branch yet");

    public static IAnnotatedOutput CreateAnnotatedWriter(string path, IVideoSource source) =>
        throw new UsageException("vision: the annotated writer comes from drivers/EdgeAI.Drivers.Camera, not merged into this branch yet");
}

/// <summary>Where annotated frames go.</summary>
internal interface IAnnotatedOutput : IDisposable
{
    void Write(VideoFrame frame, VisionResult result);
}
