namespace EdgeAI.TestModels;

/// <summary>
/// Dimensions of the tiny random-weight Qwen3 written by <see cref="TestLlmWriter"/>. The vocabulary is Qwen3's full
/// 151,936 tokens: ORT GenAI checks the eos ids against it, and the real tokenizer needs every id to exist.
/// </summary>
public sealed record TestLlmShape
{
    public int VocabularySize { get; init; } = 151_936;

    public int HiddenSize { get; init; } = 64;

    public int Layers { get; init; } = 2;

    public int AttentionHeads { get; init; } = 4;

    public int KeyValueHeads { get; init; } = 2;

    public int HeadSize { get; init; } = 16;

    public int IntermediateSize { get; init; } = 128;

    /// <summary>Positions the rotary tables cover; also genai_config's context_length.</summary>
    public int ContextLength { get; init; } = 4096;

    public double RopeTheta { get; init; } = 1_000_000;

    public float RmsNormEpsilon { get; init; } = 1e-6f;

    /// <summary>Seed of the weights: the same seed writes the same bytes.</summary>
    public int Seed { get; init; } = 2026;

    /// <summary>The default test model.</summary>
    public static TestLlmShape Default { get; } = new();
}
