using System.Collections.Concurrent;
using EdgeAI.Llm.Loading;
using Microsoft.ML.OnnxRuntimeGenAI;

namespace EdgeAI.Llm.Chat.Guidance;

/// <summary>
/// Whether the GenAI build decodes under guidance (llguidance): builds without it throw when a generator is created
/// with a grammar. Probed once per model with a tiny JSON schema.
/// </summary>
internal static class GuidanceSupport
{
    private static readonly ConcurrentDictionary<LlmModel, bool> Probed = new();

    public static bool IsAvailable(LlmModel model) => Probed.GetOrAdd(model, Probe);

    private static bool Probe(LlmModel model)
    {
        try
        {
            using var parameters = new GeneratorParams(model.Model);
            parameters.SetSearchOption("max_length", 16);
            parameters.SetGuidance("json_schema", """{"type": "object"}""", false);
            using var generator = new Generator(model.Model, parameters);
            return true;
        }
        catch (OnnxRuntimeGenAIException)
        {
            return false;
        }
    }
}
