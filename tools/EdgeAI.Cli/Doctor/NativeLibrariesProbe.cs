using System.Runtime.InteropServices;

namespace EdgeAI.Cli.Doctor;

/// <summary>Native libraries the drivers load: OpenCV (video files, V4L2) and GStreamer (Jetson camera pipelines).</summary>
public sealed class NativeLibrariesProbe : IDoctorProbe
{
    /// <inheritdoc/>
    public IEnumerable<DoctorCheck> Run()
    {
        yield return OpenCv();

        bool gst = NativeLibrary.TryLoad("libgstreamer-1.0.so.0", out var core);
        bool app = NativeLibrary.TryLoad("libgstapp-1.0.so.0", out var appLib);
        if (gst) NativeLibrary.Free(core);
        if (app) NativeLibrary.Free(appLib);
        yield return gst && app
            ? new DoctorCheck("GStreamer", DoctorStatus.Ok, "libgstreamer-1.0 and libgstapp-1.0 (vision --gst PIPELINE)")
            : new DoctorCheck("GStreamer", DoctorStatus.Missing, "libgstreamer-1.0 / libgstapp-1.0 not found", "apt-get install gstreamer1.0-plugins-base (Jetson: part of JetPack)");
    }

    private static DoctorCheck OpenCv()
    {
        try
        {
            return new DoctorCheck("OpenCV", DoctorStatus.Ok, $"OpenCV {EdgeAI.Drivers.Camera.OpenCvRuntime.Version()} (video files, V4L2 cameras)");
        }
        catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or BadImageFormatException)
        {
            return new DoctorCheck("OpenCV", DoctorStatus.Missing, "OpenCvSharpExtern cannot be loaded: " + (e.InnerException ?? e).Message.ReplaceLineEndings(" "),
                RuntimeInformation.OSArchitecture == Architecture.Arm64 ? "build OpenCvSharpExtern for arm64 (native/README.md)" : "apt-get install libgtk-3-0");
        }
    }
}
