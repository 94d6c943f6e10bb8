using System.Reflection;
using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntimeGenAI;

namespace EdgeAI.Llm.Loading;

/// <summary>
/// Process-wide GenAI set-up, done once before the first model: telemetry off (ORT_DISABLE_TELEMETRY and GenAI's own
/// switch) and, for the gpu/native builds, the user's libonnxruntime-genai.so from <c>EDGEAI_GENAI_LIB</c>.
/// </summary>
public static class GenAIRuntime
{
    /// <summary>Environment variable naming a libonnxruntime-genai.so built for the board (CUDA on Jetson, QNN).</summary>
    public const string LibraryVariable = "EDGEAI_GENAI_LIB";

    private static readonly Lock Gate = new();
    private static bool _ready;

    /// <summary>Runs the set-up once; later calls return at once.</summary>
    public static void EnsureReady()
    {
        lock (Gate)
        {
            if (_ready)
            {
                return;
            }

            Environment.SetEnvironmentVariable("ORT_DISABLE_TELEMETRY", "1");
            if (Environment.GetEnvironmentVariable(LibraryVariable) is { Length: > 0 } library)
            {
                if (!File.Exists(library))
                {
                    throw new FileNotFoundException($"{library}: {LibraryVariable} names no such file", library);
                }

                NativeLibrary.SetDllImportResolver(typeof(Model).Assembly, (name, _, _) =>
                    name.Contains("onnxruntime-genai", StringComparison.Ordinal) ? NativeLibrary.Load(library) : IntPtr.Zero);
            }

            try
            {
                Utils.DisableTelemetryEvents();
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or TypeInitializationException)
            {
                throw new InvalidOperationException(
                    $"ONNX Runtime GenAI native library not found ({e.Message.ReplaceLineEndings(" ")}); this build needs {LibraryVariable} pointing at libonnxruntime-genai.so",
                    e);
            }

            _ready = true;
        }
    }

    /// <summary>The GenAI package version this build references, for reports (GenAI's assembly carries none).</summary>
    public static string Version =>
        typeof(GenAIRuntime).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "OnnxRuntimeGenAIVersion")?.Value ?? "unknown";
}
