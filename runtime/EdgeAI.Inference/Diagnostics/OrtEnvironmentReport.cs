using System.Reflection;
using EdgeAI.Inference.Native;
using Microsoft.ML.OnnxRuntime;

namespace EdgeAI.Inference.Diagnostics;

/// <summary>
/// What <c>edgeai doctor</c> says about ONNX Runtime: the flavor compiled in, the managed API's version, the native
/// library's version and path, the providers that native library has, and, in plain words, why it cannot be used.
/// </summary>
/// <param name="Flavor">The EdgeAIOrtFlavor this build was made with: cpu, gpu or native.</param>
/// <param name="ManagedVersion">The Microsoft.ML.OnnxRuntime managed assembly's version.</param>
/// <param name="NativeVersion">The loaded native library's version, or null when it could not be loaded.</param>
/// <param name="NativeLibraryPath">The loaded libonnxruntime file, or null.</param>
/// <param name="AvailableProviders">ONNX Runtime's provider names (e.g. CUDAExecutionProvider, CPUExecutionProvider).</param>
/// <param name="Problem">Null when usable; otherwise what is wrong and what to do.</param>
public sealed record OrtEnvironmentReport(string Flavor, string ManagedVersion, string? NativeVersion, string? NativeLibraryPath,
    IReadOnlyList<string> AvailableProviders, string? Problem)
{
    /// <summary>True when models can run.</summary>
    public bool Usable => Problem is null;

    /// <summary>The flavor compiled into EdgeAI.Inference (assembly metadata <c>EdgeAIOrtFlavor</c>).</summary>
    public static string CompiledFlavor => typeof(OrtEnvironmentReport).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .FirstOrDefault(a => a.Key == "EdgeAIOrtFlavor")?.Value ?? "unknown";

    /// <summary>Loads ONNX Runtime (through <see cref="OrtNativeLibrary"/>) and describes it; never throws for a missing or mismatched native.</summary>
    /// <param name="configuredLibrary">Inference:OrtLibrary, if any.</param>
    public static OrtEnvironmentReport Collect(string? configuredLibrary = null)
    {
        var managedAssembly = typeof(OrtEnv).Assembly;
        string managed = managedAssembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
            ?? managedAssembly.GetName().Version?.ToString() ?? "unknown";
        string flavor = CompiledFlavor;
        try
        {
            OrtNativeLibrary.Configure(configuredLibrary);
            var env = OrtEnv.Instance();
            string native = env.GetVersionString();
            var providers = env.GetAvailableProviders();
            string? problem = SameMinor(managed, native) ? null
                : $"the managed ONNX Runtime API is {managed} but the native library is {native}: use a libonnxruntime {MajorMinor(managed)}.x (or rebuild EdgeAI against {native})";
            return new OrtEnvironmentReport(flavor, managed, native, OrtNativeLibrary.LoadedPath(), providers, problem);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or TypeInitializationException or OnnxRuntimeException
            or FileNotFoundException or BadImageFormatException)
        {
            return new OrtEnvironmentReport(flavor, managed, null, OrtNativeLibrary.ConfiguredPath, [], Explain(e, flavor, managed));
        }
    }

    private static string Explain(Exception e, string flavor, string managed)
    {
        // The loader's message lists every path it tried, one per line: the first line says enough.
        string detail = (e.InnerException ?? e).Message.Split('\n', 2)[0].Trim();
        if (detail.Contains("API version", StringComparison.OrdinalIgnoreCase))
            return $"the native ONNX Runtime library is older than the managed API {managed} needs: use a libonnxruntime {MajorMinor(managed)}.x ({detail})";
        if (e is FileNotFoundException) return detail;
        return flavor == "native"
            ? $"no ONNX Runtime native library could be loaded: set {OrtNativeLibrary.EnvironmentVariable} to a libonnxruntime.so built for this board (native/README.md) ({detail})"
            : $"the ONNX Runtime native library could not be loaded ({detail})";
    }

    private static bool SameMinor(string a, string b) => MajorMinor(a) == MajorMinor(b);

    private static string MajorMinor(string version)
    {
        var parts = version.Split('.');
        return parts.Length >= 2 ? parts[0] + "." + parts[1] : version;
    }
}
