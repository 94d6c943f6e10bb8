using EdgeAI.Voice.Intents;
using EdgeAI.Voice.Pocketsphinx;

namespace EdgeAI.Voice.Recognition;

/// <summary>How <see cref="PocketsphinxRecognizer"/> is set up.</summary>
public sealed record PocketsphinxRecognizerOptions
{
    /// <summary>The model (default: Debian's pocketsphinx-en-us).</summary>
    public PocketsphinxModel Model { get; init; } = PocketsphinxModel.EnUs;

    /// <summary>The intents the command grammar covers (default: all of <see cref="CommandPhrases.Default"/>).</summary>
    public IReadOnlyList<string> Intents { get; init; } = [.. CommandPhrases.Default.Keys];

    /// <summary>
    /// The rejection rule: a grammar hypothesis whose posterior probability is below this is no transcript (empty,
    /// with its confidence kept). Grammar mode always finds some path through the grammar, even in noise; the
    /// posterior tells a command from a forced fit. Default 0.5 (measured: commands ≥ 0.9, noise and music below; docs/voice.md).
    /// </summary>
    public double MinConfidence { get; init; } = 0.5;

    /// <summary>Further pocketsphinx options without their dash (<c>("beam", "1e-60")</c>).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Arguments { get; init; } = [];
}
