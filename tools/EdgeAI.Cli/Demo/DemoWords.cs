using System.Globalization;
using EdgeAI.Assistant.Words;
using EdgeAI.Cli.Input;
using EdgeAI.Inference.Models;
using EdgeAI.Llm.Chat;
using EdgeAI.Llm.Configuration;
using EdgeAI.Llm.Loading;
using EdgeAI.Llm.Tools;
using EdgeAI.TestModels;

namespace EdgeAI.Cli.Demo;

/// <summary>The demo's language model, if any, and what it words.</summary>
internal sealed record DemoWords(LlmModel? Model, LlmChatSession? Session, ModelWriter? Writer, Func<ToolRegistry, (IChatSession, bool)>? Answers) : IDisposable
{
    /// <summary>
    /// Who words the suggestions and answers the questions: <c>--model DIR</c> (a Qwen folder) does both, its wording
    /// checked against the facts; without it the cached random-weight test model words the suggestions (its noise is
    /// always caught and replaced by the template; docs/grounding.md) and templates answer; <c>--templates</c> uses no model.
    /// </summary>
    public static DemoWords Open(bool templates, string? named, ScenarioPipeline pipeline, string language)
    {
        if (templates) return new DemoWords(null, null, null, null);
        if (named is not null && !Directory.Exists(named)) throw new FileNotFoundException($"{named}: no such model folder", named);
        string? folder = named ?? TestLlmWriter.Cached(new ModelCache().Root);
        if (folder is null) return new DemoWords(null, null, null, null);
        var model = LlmModel.Open(folder, new EdgeAI.Inference.Configuration.InferenceOptions());
        var prompt = RephrasePrompt.Load(Path.Combine(Assets.Models, "prompts"), language);
        var session = new LlmChatSession(model, ModelWriter.SessionOptions(prompt));
        var writer = new ModelWriter(session, pipeline.Writer, prompt);
        Func<ToolRegistry, (IChatSession, bool)>? answers = named is null ? null
            : tools => (new LlmChatSession(model, new LlmOptions(), tools), true);
        return new DemoWords(model, session, writer, answers) { IsTestModel = named is null };
    }

    public bool IsTestModel { get; init; }

    /// <summary>One line on who worded what, or null without a model.</summary>
    public string? Summary() => Writer is null || Writer.Rephrased + Writer.Replaced + Writer.Verbatim == 0 ? null : string.Create(CultureInfo.InvariantCulture,
        $"words: {Writer.Rephrased} suggestions worded by the {(IsTestModel ? "random-weight test model" : "model")}, {Writer.Replaced} replaced by their template (the grounding check: {Writer.LastReason ?? "-"}), {Writer.Verbatim} said as written; questions answered by {(Answers is null ? "templates" : "the model")}");

    public void Dispose()
    {
        Session?.Dispose();
        Model?.Dispose();
    }
}
