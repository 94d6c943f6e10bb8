using EdgeAI.Vision;

namespace EdgeAI.Drivers.Camera;

/// <summary>Opens what a user names: a video file, a V4L2 camera or a GStreamer pipeline.</summary>
public static class VideoSources
{
    /// <summary>A video file (frame by frame, no drops).</summary>
    public static IVideoSource OpenFile(string path) => new VideoFileSource(path);

    /// <summary>A GStreamer pipeline ending in an appsink (latest frame wins; needs no OpenCV).</summary>
    public static IVideoSource OpenPipeline(string pipeline) => new GStreamerSource(pipeline);

    /// <summary>A live camera (latest frame wins).</summary>
    public static IVideoSource OpenCamera(string device) => new CameraSource(device);
}
