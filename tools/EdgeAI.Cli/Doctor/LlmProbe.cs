using EdgeAI.Host.Configuration;
using EdgeAI.Inference.Configuration;
using EdgeAI.Inference.Models;
using EdgeAI.Llm.Configuration;
using EdgeAI.Llm.Loading;
using EdgeAI.TestModels;

namespace EdgeAI.Cli.Doctor;

/// <summary>The LLM: whether ONNX Runtime GenAI loads (and which), and which model `edgeai chat` would run.</summary>
public sealed class LlmProbe(string? cacheRoot = null) : IDoctorProbe
{
    /// <inheritdoc/>
    public IEnumerable<DoctorCheck> Run()
    {
        string? problem = null;
        try
        {
            GenAIRuntime.EnsureReady();
        }
        catch (Exception e) when (e is InvalidOperationException or FileNotFoundException)
        {
            problem = e.Message;
        }

        yield return problem is null
            ? new DoctorCheck("ONNX Runtime GenAI", DoctorStatus.Ok, $"{GenAIRuntime.Version}, telemetry off")
            : new DoctorCheck("ONNX Runtime GenAI", DoctorStatus.Missing, problem, $"set {GenAIRuntime.LibraryVariable} to libonnxruntime-genai.so built for this board (docs/llm.md)");

        if (Configured() is { } configured)
        {
            yield return configured;
            yield break;
        }

        string? testModel = TestLlmWriter.Cached(new ModelCache(cacheRoot).Root);
        yield return testModel is not null
            ? new DoctorCheck("LLM", DoctorStatus.Warning, $"only the random-weight test model ({testModel}): text is noise, tools and streaming are real",
                "export a Qwen model with the ORT GenAI model builder and pass --model DIR (or Llm:Model)")
            : new DoctorCheck("LLM", DoctorStatus.Missing, "no model: edgeai chat answers from templates", "edgeai models make-test-llm, or pass --model DIR (ORT GenAI model builder output)");
    }

    // Llm:Model from edgeai.json / EDGEAI__Llm__Model, checked as `edgeai chat` would before loading it.
    private static DoctorCheck? Configured()
    {
        string? folder;
        try
        {
            folder = EdgeAIConfiguration.Llm(EdgeAIConfiguration.Build()).Model;
        }
        catch (InvalidDataException e)
        {
            return new DoctorCheck("LLM", DoctorStatus.Missing, e.Message, "fix the Llm section of edgeai.json");
        }

        if (folder is null) return null;
        try
        {
            LlmModelInfo info = LlmModelFolder.Read(folder);
            return new DoctorCheck("LLM", DoctorStatus.Ok,
                $"Llm:Model {info.Directory}: {info.Type}, {info.Layers} layers, context {info.ContextLength}, KV {info.KvBytesPerToken} B/token");
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            return new DoctorCheck("LLM", DoctorStatus.Missing, e.Message, "point Llm:Model at an ORT GenAI model folder");
        }
    }
}
