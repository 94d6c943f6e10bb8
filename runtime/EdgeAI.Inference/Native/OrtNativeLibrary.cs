using System.Reflection;
using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;

namespace EdgeAI.Inference.Native;

/// <summary>
/// Which libonnxruntime the managed API binds to. With <c>EDGEAI_ORT_LIB</c> (or <c>Inference:OrtLibrary</c>) set, a
/// <see cref="NativeLibrary"/> resolver on the ONNX Runtime managed assembly loads that file (the native flavor on
/// Jetson or Snapdragon); otherwise the package's native or the loader's search path is used.
/// </summary>
public static class OrtNativeLibrary
{
    /// <summary>The environment variable naming a board build of libonnxruntime.so.</summary>
    public const string EnvironmentVariable = "EDGEAI_ORT_LIB";
    private static readonly Lock Gate = new();
    private static bool _configured;

    /// <summary>The file the resolver loads, or null when the default search applies.</summary>
    public static string? ConfiguredPath { get; private set; }

    /// <summary>
    /// Installs the resolver once per process, before the first ONNX Runtime call. Later calls do nothing (a
    /// library cannot be swapped once loaded).
    /// </summary>
    /// <param name="configuredPath">From configuration; <c>EDGEAI_ORT_LIB</c> wins.</param>
    /// <exception cref="FileNotFoundException">the named library does not exist.</exception>
    public static void Configure(string? configuredPath = null)
    {
        lock (Gate)
        {
            if (_configured) return;
            string? path = Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } env ? env : configuredPath;
            if (path is not null)
            {
                path = Path.GetFullPath(path);
                if (!File.Exists(path))
                    throw new FileNotFoundException($"{path}: ONNX Runtime library not found ({EnvironmentVariable} or Inference:OrtLibrary)", path);
                ConfiguredPath = path;
                NativeLibrary.SetDllImportResolver(typeof(OrtEnv).Assembly, Resolve);
            }
            _configured = true;
        }
    }

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath) =>
        ConfiguredPath is not null && name.Equals("onnxruntime", StringComparison.Ordinal) ? NativeLibrary.Load(ConfiguredPath) : IntPtr.Zero;

    /// <summary>The path of the libonnxruntime this process has loaded for the managed API, from /proc/self/maps (sherpa-onnx's
    /// own copy is skipped); null when none yet or unknown.</summary>
    public static string? LoadedPath()
    {
        if (ConfiguredPath is not null) return ConfiguredPath;
        const string maps = "/proc/self/maps";
        if (!File.Exists(maps)) return null;
        foreach (var line in File.ReadLines(maps))
        {
            int slash = line.IndexOf('/', StringComparison.Ordinal);
            if (slash < 0) continue;
            string file = line[slash..];
            string name = Path.GetFileName(file);
            // sherpa-onnx's own ONNX Runtime (1.28.2, model cache entry sherpa-onnx-<platform>) is not the one this API binds.
            if (Path.GetFileName(Path.GetDirectoryName(file))?.StartsWith("sherpa-onnx-", StringComparison.Ordinal) == true) continue;
            if (name.StartsWith("libonnxruntime.so", StringComparison.Ordinal) || name.Equals("onnxruntime.dll", StringComparison.OrdinalIgnoreCase))
                return file;
        }
        return null;
    }
}
