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
    /// the grammar (measured on all 180 recognized commands and on the noise it accepted), so there this only
    /// passes through pocketsphinx's own rejection (an empty hypothesis when no path reaches the end).
    /// </summary>
    public double MinConfidence { get; init; } = 0.5;

    /// <summary>
    /// Whether words get generated pronunciations from espeak-ng (default true: the names cmudict lacks, and a British
    /// reading of every word; <see cref="PocketsphinxRecognizer.ForGrammar"/>). False when <see cref="Model"/>'s
    /// dictionary already has them (one written with <see cref="PocketsphinxRecognizer.GeneratedPronunciations"/>):
    /// no espeak-ng process runs, and a word the dictionary lacks is refused by pocketsphinx.
    /// </summary>
    public bool GeneratePronunciations { get; init; } = true;

    /// <summary>
    /// Further pocketsphinx options without their dash, e.g. <c>("beam", "1e-80")</c>. Default: a word-exit beam of
    /// 1e-40 (pocketsphinx's own is 7e-29), which keeps long German names that would otherwise be pruned before their
    /// last word ends. Measured on the 180 spoken commands: 179 → 180 exact; on 270 held-out ones (three other voices,
    /// 120/160/200 wpm) 255 → 265; noise and music still rejected (RejectionTests). Wider still (1e-48, or all beams
    /// at 1e-60..1e-80) also turns white noise and music into commands (docs/voice.md, "Accuracy").
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>> Arguments { get; init; } = [new("wbeam", "1e-40")];
}
