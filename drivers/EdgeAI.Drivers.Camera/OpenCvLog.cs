using OpenCvSharp;

namespace EdgeAI.Drivers.Camera;

/// <summary>OpenCV logs warnings to stderr by itself; EdgeAI reports problems in its own one-line errors instead.</summary>
internal static class OpenCvLog
{
    private static int _quiet;

    /// <summary>Silences OpenCV's own logging once per process.</summary>
    public static void Quiet()
    {
        if (Interlocked.Exchange(ref _quiet, 1) != 0) return;
        // FFmpeg's own messages ("moov atom not found"): quiet unless the user asked for a level.
        if (OperatingSystem.IsLinux()) Interop.LibC.setenv("OPENCV_FFMPEG_LOGLEVEL", "-8", overwrite: 0);
        Cv2.SetLogLevel(LogLevel.SILENT);
    }
}
