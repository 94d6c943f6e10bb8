using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using OpenCvSharp;

namespace EdgeAI.Drivers.Camera;

/// <summary>
/// OpenCV in this process: the bundled <c>libOpenCvSharpExtern.so</c> is found beside the program (a Native AOT
/// executable does not look there by itself), and OpenCV's own logging is silenced, since EdgeAI reports problems in
/// its own one-line errors.
/// </summary>
public static class OpenCvRuntime
{
    private const string NativeName = "OpenCvSharpExtern";
    private static int _initialized;

    /// <summary>
    /// Installs the resolver when this assembly loads: OpenCvSharp loads its library from type initializers (a
    /// <c>Mat</c> field of any class), which run before any call we could make first.
    /// </summary>
#pragma warning disable CA2255 // a library module initializer is the one place that runs before OpenCvSharp's own type initializers
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void InstallResolver() => NativeLibrary.SetDllImportResolver(typeof(Cv2).Assembly, Resolve);

    /// <summary>Quiets OpenCV and FFmpeg; later calls do nothing.</summary>
    public static void Initialize()
    {
        if (Interlocked.Exchange(ref _initialized, 1) != 0) return;
        // FFmpeg's own messages ("moov atom not found"): quiet unless the user asked for a level.
        if (OperatingSystem.IsLinux()) Interop.LibC.setenv("OPENCV_FFMPEG_LOGLEVEL", "-8", overwrite: 0);
        Cv2.SetLogLevel(LogLevel.SILENT);
    }

    /// <summary>OpenCV's version string (loads the library).</summary>
    public static string Version()
    {
        Initialize();
        return Cv2.GetVersionString() ?? "(unknown version)";
    }

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (name != NativeName) return IntPtr.Zero;
        string beside = Path.Combine(AppContext.BaseDirectory, "lib" + NativeName + ".so");
        // Zero lets the runtime's own search run (the NuGet runtimes/ folder under `dotnet run`, LD_LIBRARY_PATH).
        return File.Exists(beside) && NativeLibrary.TryLoad(beside, out IntPtr handle) ? handle : IntPtr.Zero;
    }
}
