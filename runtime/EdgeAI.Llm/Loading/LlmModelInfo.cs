namespace EdgeAI.Llm.Loading;

/// <summary>What EdgeAI needs to know of a model folder, read from genai_config.json and the decoder's KV inputs.</summary>
public sealed record LlmModelInfo(
    string Directory,
    string Type,
    int Layers,
    int KeyValueHeads,
    int HeadSize,
    int ContextLength,
    int VocabularySize,
    IReadOnlyList<int> EosTokenIds,
    int KvElementBytes)
{
    /// <summary>KV cache bytes per token: key and value, every layer: 2 × layers × kv heads × head size × element bytes.</summary>
    public long KvBytesPerToken => 2L * Layers * KeyValueHeads * HeadSize * KvElementBytes;

    /// <summary>The longest sequence a KV budget of <paramref name="budgetBytes"/> holds, never past the context length.</summary>
    public int MaxLengthFor(long budgetBytes) => (int)Math.Min(ContextLength, budgetBytes / KvBytesPerToken);
}
