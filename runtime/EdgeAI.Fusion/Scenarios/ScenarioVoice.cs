namespace EdgeAI.Fusion.Scenarios;

/// <summary>
/// A scenario's <c>voice</c> section (docs/scenarios.md): how the cabin's speech activates the assistant, and what the
/// occupants say when, as recordings the host's simulated microphone plays on the drive's clock.
/// </summary>
/// <param name="Activation">"wake" (the wake phrase, default), "always" (every stretch of speech) or "ptt" (push-to-talk).</param>
/// <param name="Utterances">The recordings, in time order.</param>
public sealed record ScenarioVoice(string Activation, IReadOnlyList<SpokenUtterance> Utterances);

/// <summary>One recording the simulated microphone plays.</summary>
/// <param name="AtS">Seconds from the start of the drive where the recording begins.</param>
/// <param name="Audio">The WAV file (absolute path).</param>
public sealed record SpokenUtterance(double AtS, string Audio);
