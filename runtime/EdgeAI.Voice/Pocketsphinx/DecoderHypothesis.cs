namespace EdgeAI.Voice.Pocketsphinx;

/// <summary>The decoder's best hypothesis so far (or at the end of an utterance).</summary>
/// <param name="Text">The words as pocketsphinx spells them (the dictionary's spelling), single spaces; empty when none.</param>
/// <param name="Score">The path score (log domain, pocketsphinx's units; higher is better).</param>
/// <param name="Posterior">The hypothesis' posterior probability in [0, 1] from the search's lattice (0 when the search gives none).</param>
public readonly record struct DecoderHypothesis(string Text, int Score, double Posterior)
{
    /// <summary>True when no words were hypothesised.</summary>
    public bool IsEmpty => string.IsNullOrEmpty(Text);
}
