namespace EdgeAI.Voice.Wake;

/// <summary>A second opinion on a wake candidate, given the audio of the stretch of speech that held it.</summary>
public interface IWakeVerifier : IDisposable
{
    /// <summary>True when <paramref name="stretch"/> (16 kHz mono, with the pauses around it) is the wake phrase.</summary>
    bool Confirms(ReadOnlySpan<float> stretch);
}
