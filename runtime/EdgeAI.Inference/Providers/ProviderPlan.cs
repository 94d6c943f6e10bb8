using EdgeAI.Inference.Configuration;
using EdgeAI.Inference.Native;
using Microsoft.ML.OnnxRuntime;

namespace EdgeAI.Inference.Providers;

/// <summary>
/// Opens an ONNX Runtime session on the first provider of a plan that works: each provider gets fresh
/// <see cref="SessionOptions"/>; a provider that cannot load (missing CUDA libraries, a build without it) is recorded
/// with its reason and the next is tried. A model file that is missing or corrupt fails at once, naming the model.
/// </summary>
public static class ProviderPlan
{
    /// <summary>Opens <paramref name="path"/> (model <paramref name="modelId"/>) on the first provider that loads it.</summary>
    /// <param name="modelId">The manifest id, for messages.</param>
    /// <param name="path">The .onnx file.</param>
    /// <param name="options">Providers in order and their settings; null means CPU.</param>
    /// <param name="choice">The provider chosen and the reasons the earlier ones were skipped.</param>
    /// <exception cref="FileNotFoundException">the file is missing.</exception>
    /// <exception cref="InvalidDataException">the file is not a loadable ONNX model.</exception>
    /// <exception cref="NoExecutionProviderException">no provider of the plan could load it.</exception>
    /// <exception cref="UnknownExecutionProviderException">the plan names an unknown provider.</exception>
    /// <exception cref="OrtUnavailableException">the ONNX Runtime native library cannot be loaded or does not match the managed API.</exception>
    public static InferenceSession Open(string modelId, string path, InferenceOptions? options, out ProviderChoice choice)
    {
        options ??= new InferenceOptions();
        var plan = options.ProviderPlan();
        if (!File.Exists(path))
            throw new FileNotFoundException($"{path}: model {modelId} not found; run: edgeai models fetch", path);
        OrtNativeLibrary.Configure(options.OrtLibrary);
        RequireNative(options.OrtLibrary);
        var failures = new List<ProviderFailure>();
        foreach (var provider in plan)
        {
            var sessionOptions = new SessionOptions { LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR };
            try
            {
                try
                {
                    Append(sessionOptions, provider, options);
                }
                catch (Exception e) when (IsProviderFailure(e))
                {
                    failures.Add(new ProviderFailure(provider, OneLine(e)));
                    continue;
                }
                try
                {
                    var session = new InferenceSession(path, sessionOptions);
                    choice = new ProviderChoice(provider, failures);
                    return session;
                }
                catch (OnnxRuntimeException e) when (provider == ExecutionProvider.Cpu || IsModelProblem(e.Message))
                {
                    throw new InvalidDataException($"{path}: model {modelId} is not a loadable ONNX model ({OneLine(e)}); run: edgeai models fetch", e);
                }
                catch (Exception e) when (IsProviderFailure(e))
                {
                    failures.Add(new ProviderFailure(provider, OneLine(e)));
                }
            }
            finally
            {
                sessionOptions.Dispose();
            }
        }
        throw new NoExecutionProviderException(modelId, failures);
    }

    // The first ORT call loads the native library: a missing or mismatched one becomes one plain sentence, not a type-initializer trace.
    private static void RequireNative(string? configuredLibrary)
    {
        try
        {
            _ = OrtEnv.Instance();
        }
        catch (Exception e) when (e is TypeInitializationException or DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
        {
            throw new OrtUnavailableException(Diagnostics.OrtEnvironmentReport.Collect(configuredLibrary).Problem ?? e.Message, e);
        }
    }

    private static void Append(SessionOptions session, ExecutionProvider provider, InferenceOptions options)
    {
        string device = options.DeviceId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        switch (provider)
        {
            case ExecutionProvider.TensorRT:
            {
                var trt = options.TensorRT;
                var settings = new Dictionary<string, string>
                {
                    ["device_id"] = device,
                    ["trt_fp16_enable"] = trt.Fp16 ? "1" : "0",
                    ["trt_int8_enable"] = trt.Int8 ? "1" : "0",
                };
                if (trt.EngineCacheDir is { } engines)
                {
                    Directory.CreateDirectory(engines);
                    settings["trt_engine_cache_enable"] = "1";
                    settings["trt_engine_cache_path"] = engines;
                }
                if (trt.TimingCacheDir is { } timing)
                {
                    Directory.CreateDirectory(timing);
                    settings["trt_timing_cache_enable"] = "1";
                    settings["trt_timing_cache_path"] = timing;
                }
                using var providerOptions = new OrtTensorRTProviderOptions();
                providerOptions.UpdateOptions(settings);
                session.AppendExecutionProvider_Tensorrt(providerOptions);
                break;
            }
            case ExecutionProvider.Cuda:
            {
                var settings = new Dictionary<string, string>
                {
                    ["device_id"] = device,
                    ["enable_cuda_graph"] = options.Cuda.CudaGraph ? "1" : "0",
                };
                if (options.Cuda.ArenaExtendStrategy is { } arena) settings["arena_extend_strategy"] = arena;
                using var providerOptions = new OrtCUDAProviderOptions();
                providerOptions.UpdateOptions(settings);
                session.AppendExecutionProvider_CUDA(providerOptions);
                break;
            }
            case ExecutionProvider.Qnn:
            {
                var qnn = options.Qnn;
                var settings = new Dictionary<string, string> { ["backend_path"] = qnn.BackendPath ?? "libQnnHtp.so" };
                if (qnn.HtpPerformanceMode is { } mode) settings["htp_performance_mode"] = mode;
                if (qnn.ContextCacheDir is { } contexts)
                {
                    Directory.CreateDirectory(contexts);
                    session.AddSessionConfigEntry("ep.context_enable", "1");
                    session.AddSessionConfigEntry("ep.context_file_path", Path.Combine(contexts, "model_ctx.onnx"));
                }
                session.AppendExecutionProvider("QNN", settings);
                break;
            }
        }
    }

    // Provider failures: ORT errors, and the loader's errors when a build lacks a provider's entry points.
    private static bool IsProviderFailure(Exception e) =>
        e is OnnxRuntimeException or EntryPointNotFoundException or DllNotFoundException or NotSupportedException;

    // The error code is only in the message ("[ErrorCode:InvalidProtobuf] ..."); a provider library that fails to load
    // is not the model's fault even when ORT reports it with a generic code.
    private static bool IsModelProblem(string message) =>
        !message.Contains("shared library", StringComparison.OrdinalIgnoreCase)
        && (message.Contains("ErrorCode:InvalidProtobuf", StringComparison.Ordinal) || message.Contains("ErrorCode:InvalidGraph", StringComparison.Ordinal)
            || message.Contains("ErrorCode:NoModel", StringComparison.Ordinal) || message.Contains("ErrorCode:NoSuchFile", StringComparison.Ordinal)
            || message.Contains("ErrorCode:ModelLoaded", StringComparison.Ordinal));

    private static string OneLine(Exception e) => e.Message.ReplaceLineEndings(" ").Trim();
}
