using System.Reflection;
using System.Runtime.InteropServices;
using EdgeAI.Inference.Models;
using EdgeAI.Voice.Sherpa.Interop;

namespace EdgeAI.Voice.Sherpa;

/// <summary>
/// Loads sherpa-onnx's C API from the model cache entry <c>sherpa-onnx-&lt;platform&gt;</c> (its own folder,
/// <c>&lt;cache&gt;/sherpa-onnx-linux-x64/</c>): first that folder's libonnxruntime.so (ONNX Runtime 1.28.2), then
/// libsherpa-onnx-c-api.so, each by full path and without RTLD_GLOBAL, and a <see cref="NativeLibrary"/> resolver on this
/// assembly maps the imports to them. ONNX Runtime 1.31.1, which the rest of the process uses, is a different file with
/// another SONAME and versioned symbols, so both run side by side; in one folder the two libonnxruntime.so would clash.
/// </summary>
public static class SherpaLibrary
{
    private static readonly Lock Gate = new();
    private static nint _handle;
    private static bool _resolverInstalled;

    /// <summary>The folder the library was loaded from; null before <see cref="Load"/>.</summary>
    public static string? Directory { get; private set; }

    /// <summary>The manifest id of the library for this machine: <c>sherpa-onnx-linux-x64</c>, <c>sherpa-onnx-linux-arm64</c>.</summary>
    public static string ModelId => "sherpa-onnx-" + ModelEntry.CurrentPlatform;

    /// <summary>
    /// Loads the library once per process from <paramref name="cache"/> (null: the default cache); later calls return at
    /// once. Files are hash-checked against the manifest first.
    /// </summary>
    /// <exception cref="ModelNotAvailableException">the entry is not fetched or damaged: one line with its path, the
    /// entry's id and <c>edgeai models fetch</c> (a <see cref="FileNotFoundException"/>: the CLI's exit code 2).</exception>
    /// <exception cref="PlatformNotSupportedException">the manifest has no sherpa-onnx build for this machine.</exception>
    public static void Load(ModelCache? cache = null)
    {
        lock (Gate)
        {
            if (_handle != 0) return;
            string dir = Locate(cache ?? new ModelCache());
            string runtime = Path.Combine(dir, "libonnxruntime.so"), api = Path.Combine(dir, "libsherpa-onnx-c-api.so");
            // Its own ONNX Runtime first, so the C API's NEEDED libonnxruntime.so binds to this file (by its SONAME).
            NativeLibrary.Load(runtime);
            _handle = NativeLibrary.Load(api);
            Directory = dir;
            if (!_resolverInstalled)
            {
                NativeLibrary.SetDllImportResolver(typeof(SherpaLibrary).Assembly, Resolve);
                _resolverInstalled = true;
            }
        }
    }

    /// <summary>The verified folder of this machine's sherpa-onnx build in <paramref name="cache"/>, without loading it.</summary>
    /// <exception cref="ModelNotAvailableException">not fetched or damaged: one line naming the path, the entry and <c>edgeai models fetch</c>.</exception>
    /// <exception cref="PlatformNotSupportedException">no build for this machine.</exception>
    public static string Locate(ModelCache cache)
    {
        ArgumentNullException.ThrowIfNull(cache);
        if (!cache.Manifest.Models.Any(m => m.Id == ModelId))
            throw new PlatformNotSupportedException($"sherpa-onnx: no build for {ModelEntry.CurrentPlatform} in models/manifest.json (there are linux-x64 and linux-arm64)");
        var entry = cache.Manifest.Get(ModelId);
        if (!entry.Files.Any(f => f.Name == "libonnxruntime.so") || !entry.Files.Any(f => f.Name == "libsherpa-onnx-c-api.so"))
            throw new InvalidDataException($"models/manifest.json: {ModelId} must hold libonnxruntime.so and libsherpa-onnx-c-api.so");
        return cache.GetDirectory(ModelId);
    }

    /// <summary>sherpa-onnx's version (<c>1.13.8</c>).</summary>
    public static string Version
    {
        get
        {
            Load();
            return SherpaOnnxApi.Text(SherpaOnnxApi.SherpaOnnxGetVersionStr());
        }
    }

    /// <summary>The ONNX Runtime version sherpa-onnx runs on (<c>1.28.2</c>), not the process's other one.</summary>
    public static string OnnxRuntimeVersion
    {
        get
        {
            Load();
            return SherpaOnnxApi.Text(SherpaOnnxApi.SherpaOnnxGetOnnxruntimeVersionStr());
        }
    }

    private static nint Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath) =>
        name == SherpaOnnxApi.Lib ? _handle : 0;
}
