namespace EdgeAI.Drivers.Simulated;

/// <summary>Where one utterance lies in a built recording, and how it was made.</summary>
/// <param name="Start">First sample (16 kHz) of the utterance's audible part.</param>
/// <param name="End">One past its last audible sample.</param>
/// <param name="Text">What was said.</param>
/// <param name="Voice">The espeak-ng voice.</param>
/// <param name="WordsPerMinute">The speaking rate.</param>
/// <param name="SnrDb">The car noise's level under it, dB below the speech; null for none.</param>
public readonly record struct SpokenSpan(int Start, int End, string Text, string Voice, int WordsPerMinute, double? SnrDb);
