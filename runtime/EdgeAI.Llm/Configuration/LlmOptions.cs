namespace EdgeAI.Llm.Configuration;

/// <summary>
/// The <c>Llm</c> section of EdgeAI's configuration (edgeai.json, <c>EDGEAI__Llm__MaxNewTokens=64</c>,
/// <c>--Llm:Temperature=0.7</c>). Providers come from the <c>Inference</c> section, as for every model.
/// </summary>
public sealed class LlmOptions
{
    /// <summary>Section name.</summary>
    public const string Section = "Llm";

    /// <summary>Model folder (ORT GenAI model builder output); null means the test model in the model cache.</summary>
    public string? Model { get; set; }

    /// <summary>System prompt; the assistant's default when null.</summary>
    public string? SystemPrompt { get; set; }

    /// <summary>Cap on new tokens per model answer: an answer in a car is short.</summary>
    public int MaxNewTokens { get; set; } = 256;

    /// <summary>Qwen3's thinking (<c>&lt;think&gt;</c> blocks). Off: it delays the first word and fills the KV cache.</summary>
    public bool Thinking { get; set; }

    /// <summary>Hard budget for the KV cache in MiB; with the model's shape it sets max_length.</summary>
    public double KvBudgetMiB { get; set; } = 512;

    /// <summary>Model rounds after tool calls within one user turn (a bad call counts): bounded retries.</summary>
    public int MaxToolRounds { get; set; } = 3;

    /// <summary>
    /// Use GenAI's guidance (llguidance, JSON schema) when the build has it: a required tool call, and the retry after
    /// a call that failed validation, are decoded under the tools' schemas.
    /// </summary>
    public bool ToolGuidance { get; set; } = true;

    /// <summary>
    /// Events (text pieces, tool calls) the model may run ahead of the reader of a streamed answer; then it waits for
    /// the reader, nothing is dropped. What the reader has not been given when it cancels is cut from the answer.
    /// </summary>
    public int StreamBuffer { get; set; } = 64;

    /// <summary>Sample (true) or greedy (false, reproducible).</summary>
    public bool DoSample { get; set; }

    /// <summary>Sampling temperature (0: greedy).</summary>
    public double Temperature { get; set; } = 0.7;

    /// <summary>Nucleus sampling: the smallest set of tokens whose probability reaches this.</summary>
    public double TopP { get; set; } = 0.8;

    /// <summary>Sample among the K most likely tokens only (0: no limit).</summary>
    public int TopK { get; set; } = 20;

    /// <summary>Penalty on tokens already generated (1: none).</summary>
    public double RepetitionPenalty { get; set; } = 1.0;

    /// <summary>Sampling seed; null leaves GenAI's own.</summary>
    public int? Seed { get; set; }

    /// <summary>Refuses values no run could use, naming the setting.</summary>
    public void Validate()
    {
        if (MaxNewTokens < 1) throw new InvalidDataException($"{Section}:MaxNewTokens={MaxNewTokens}: expected at least 1");
        if (KvBudgetMiB <= 0) throw new InvalidDataException($"{Section}:KvBudgetMiB={KvBudgetMiB}: expected a positive size");
        if (MaxToolRounds < 0) throw new InvalidDataException($"{Section}:MaxToolRounds={MaxToolRounds}: expected 0 or more");
        if (StreamBuffer < 1) throw new InvalidDataException($"{Section}:StreamBuffer={StreamBuffer}: expected at least 1");
        if (Temperature <= 0) throw new InvalidDataException($"{Section}:Temperature={Temperature}: expected > 0");
        if (TopP is <= 0 or > 1) throw new InvalidDataException($"{Section}:TopP={TopP}: expected 0 < TopP <= 1");
        if (TopK < 0) throw new InvalidDataException($"{Section}:TopK={TopK}: expected 0 or more");
        if (RepetitionPenalty <= 0) throw new InvalidDataException($"{Section}:RepetitionPenalty={RepetitionPenalty}: expected > 0");
    }
}
