using EdgeAI.Inference.Configuration;
using EdgeAI.Inference.Providers;
using Microsoft.ML.OnnxRuntimeGenAI;

namespace EdgeAI.Llm.Loading;

/// <summary>
/// A loaded model folder: the GenAI model and tokenizer, its shape, and the execution provider that took it.
/// Providers follow the <c>Inference</c> configuration (the same plan as every model): each one is tried with a fresh
/// GenAI Config (ClearProviders / AppendProvider / SetProviderOption), failures are recorded, CPU is the last resort.
/// </summary>
public sealed class LlmModel : IDisposable
{
    private LlmModel(Model model, Tokenizer tokenizer, LlmModelInfo info, ProviderChoice provider)
    {
        Model = model;
        Tokenizer = tokenizer;
        Info = info;
        Provider = provider;
    }

    /// <summary>The GenAI model.</summary>
    public Model Model { get; }

    /// <summary>The model's tokenizer.</summary>
    public Tokenizer Tokenizer { get; }

    /// <summary>Shape and special tokens.</summary>
    public LlmModelInfo Info { get; }

    /// <summary>The provider in use and why earlier ones were passed over.</summary>
    public ProviderChoice Provider { get; }

    /// <summary>Checks and loads <paramref name="directory"/>.</summary>
    /// <exception cref="DirectoryNotFoundException">no such folder.</exception>
    /// <exception cref="FileNotFoundException">a needed file is missing.</exception>
    /// <exception cref="InvalidDataException">the folder's files are corrupt or not a GenAI model.</exception>
    /// <exception cref="NoExecutionProviderException">no provider of the plan could load it.</exception>
    public static LlmModel Open(string directory, InferenceOptions? inference = null)
    {
        LlmModelInfo info = LlmModelFolder.Read(directory);
        GenAIRuntime.EnsureReady();
        inference ??= new InferenceOptions();
        var failures = new List<ProviderFailure>();
        foreach (ExecutionProvider provider in inference.ProviderPlan())
        {
            Model? model = null;
            try
            {
                using (var config = new Config(info.Directory))
                {
                    config.ClearProviders();
                    if (provider != ExecutionProvider.Cpu)
                    {
                        Append(config, provider, inference);
                    }

                    model = new Model(config);
                }

                var tokenizer = new Tokenizer(model);
                return new LlmModel(model, tokenizer, info, new ProviderChoice(provider, failures));
            }
            catch (OnnxRuntimeGenAIException e) when (provider != ExecutionProvider.Cpu && !IsModelProblem(e.Message))
            {
                model?.Dispose();
                failures.Add(new ProviderFailure(provider, OneLine(e.Message)));
            }
            catch (OnnxRuntimeGenAIException e)
            {
                model?.Dispose();
                throw new InvalidDataException($"{info.Directory}: not a loadable GenAI model ({OneLine(e.Message)})", e);
            }
        }

        throw new NoExecutionProviderException(Path.GetFileName(info.Directory), failures);
    }

    /// <summary>GenAI's provider names and options for EdgeAI's provider plan.</summary>
    private static void Append(Config config, ExecutionProvider provider, InferenceOptions inference)
    {
        string device = inference.DeviceId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        switch (provider)
        {
            case ExecutionProvider.Cuda:
                config.AppendProvider("cuda");
                config.SetProviderOption("cuda", "device_id", device);
                break;
            case ExecutionProvider.TensorRT:
                // GenAI's TensorRT path is NVIDIA's TensorRT-RTX provider.
                config.AppendProvider("NvTensorRtRtx");
                config.SetProviderOption("NvTensorRtRtx", "device_id", device);
                break;
            case ExecutionProvider.Qnn:
                config.AppendProvider("qnn");
                config.SetProviderOption("qnn", "backend_path", inference.Qnn.BackendPath ?? "libQnnHtp.so");
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(provider), provider, "no GenAI provider for it");
        }
    }

    // Only a corrupt or wrong model file is the folder's fault; a provider library that does not load is not.
    private static bool IsModelProblem(string message) =>
        !message.Contains("shared library", StringComparison.OrdinalIgnoreCase)
        && !message.Contains("provider", StringComparison.OrdinalIgnoreCase)
        && (message.Contains("protobuf", StringComparison.OrdinalIgnoreCase) || message.Contains("Load model", StringComparison.OrdinalIgnoreCase)
            || message.Contains("json", StringComparison.OrdinalIgnoreCase));

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();

    /// <inheritdoc />
    public void Dispose()
    {
        Tokenizer.Dispose();
        Model.Dispose();
    }
}
