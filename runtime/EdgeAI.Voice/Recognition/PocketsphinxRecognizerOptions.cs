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
    /// A hypothesis whose posterior probability is below this is no transcript (empty, with its confidence kept).
    /// Default 0.5. In grammar mode pocketsphinx 0.8 gives posterior 1.0 to any hypothesis that reaches the end of
    /// the grammar (measured on all 176 recognized commands and on the noise it accepted), so there this only
    /// passes through pocketsphinx's own rejection (an empty hypothesis when no path reaches the end).
    /// </summary>
    public double MinConfidence { get; init; } = 0.5;

    /// <summary>
    /// Further pocketsphinx options without their dash, e.g. wider beams <c>("beam", "1e-80")</c>, <c>("wbeam", "1e-60")</c>,
    /// <c>("pbeam", "1e-80")</c>: measured, they recognize 2 more of the 180 spoken commands but accept 3 more of 8
    /// noise and music signals as commands (docs/voice.md), so pocketsphinx's own beams stay the default.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>> Arguments { get; init; } = [];
}
