using System.Runtime.InteropServices;

namespace EdgeAI.Cli.Doctor;

/// <summary>Native libraries the drivers load: OpenCV (video files, V4L2) and GStreamer (Jetson camera pipelines).</summary>
public sealed class NativeLibrariesProbe(Architecture? architecture = null) : IDoctorProbe
{
    private readonly Architecture _architecture = architecture ?? RuntimeInformation.OSArchitecture;

    /// <inheritdoc/>
    public IEnumerable<DoctorCheck> Run()
    {
        yield return OpenCv();

        bool gst = NativeLibrary.TryLoad("libgstreamer-1.0.so.0", out var core);
        bool app = NativeLibrary.TryLoad("libgstapp-1.0.so.0", out var appLib);
        if (gst) NativeLibrary.Free(core);
        if (app) NativeLibrary.Free(appLib);
        yield return gst && app
            ? new DoctorCheck("GStreamer", DoctorStatus.Ok, "libgstreamer-1.0 and libgstapp-1.0 (vision --gst PIPELINE" + (_architecture == Architecture.Arm64 ? ": nvarguscamerasrc on Jetson, qtiqmmfsrc on Qualcomm boards)" : ")"))
            : new DoctorCheck("GStreamer", DoctorStatus.Missing, "libgstreamer-1.0 / libgstapp-1.0 not found", "apt-get install gstreamer1.0-plugins-base (Jetson: part of JetPack)");
    }

    private DoctorCheck OpenCv()
    {
        try
        {
            return new DoctorCheck("OpenCV", DoctorStatus.Ok, $"OpenCV {EdgeAI.Drivers.Camera.OpenCvRuntime.Version()} (video files, V4L2 cameras)");
        }
        catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or BadImageFormatException)
        {
            return OpenCvMissing((e.InnerException ?? e).Message.ReplaceLineEndings(" "), _architecture);
        }
    }

    /// <summary>
    /// What a missing OpenCvSharpExtern means: on arm64 nothing serves one (no OpenCvSharp linux-arm64 runtime package), so
    /// the camera goes through GStreamer and this is a warning; on x64 the official runtime should load.
    /// </summary>
    internal static DoctorCheck OpenCvMissing(string reason, Architecture architecture) =>
        architecture == Architecture.Arm64
            ? new DoctorCheck("OpenCV", DoctorStatus.Warning,
                "no OpenCvSharp runtime for linux-arm64: cameras use the GStreamer path (vision --gst: nvarguscamerasrc on Jetson, qtiqmmfsrc on Qualcomm boards); video files need OpenCvSharpExtern (" + reason + ")",
                "vision --gst PIPELINE, or build OpenCvSharpExtern for arm64 (native/README.md)")
            : new DoctorCheck("OpenCV", DoctorStatus.Missing, "OpenCvSharpExtern cannot be loaded: " + reason, "apt-get install libgtk-3-0");
}
