using System.Runtime.InteropServices;

namespace EdgeAI.Drivers.Camera.Interop;

/// <summary>libc's environment: OpenCV's native code reads variables with getenv, which .NET's own environment copy does not reach.</summary>
internal static partial class LibC
{
    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int setenv(string name, string value, int overwrite);
}
