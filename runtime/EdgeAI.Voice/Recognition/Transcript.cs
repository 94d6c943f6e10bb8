namespace EdgeAI.Voice.Recognition;

/// <summary>What a recognizer heard in one utterance.</summary>
/// <param name="Text">The words, lower case, single spaces; empty when nothing was recognized.</param>
/// <param name="Confidence">The engine's confidence in [0, 1] (pocketsphinx: its posterior probability).</param>
public readonly record struct Transcript(string Text, double Confidence)
{
    /// <summary>Nothing recognized.</summary>
    public static Transcript None => new(string.Empty, 0);

    /// <summary>True when no words were recognized.</summary>
    public bool IsEmpty => string.IsNullOrEmpty(Text);
}
