namespace EdgeAI.Voice.Echo;

/// <summary>
/// Removes the assistant's own voice from the microphone while it speaks, so that the VAD hears the user and not the
/// loudspeaker (barge-in would otherwise trip on every answer). The reference is what was played in the same chunk.
/// </summary>
public interface IEchoCanceller : IDisposable
{
    /// <summary>
    /// Writes into <paramref name="output"/> the microphone chunk <paramref name="microphone"/> with the echo of
    /// <paramref name="reference"/> (played during the same chunk, same length or shorter: the rest is silence) removed.
    /// </summary>
    void Process(ReadOnlySpan<float> microphone, ReadOnlySpan<float> reference, Span<float> output);

    /// <summary>Forgets the learned echo path (a new device or session).</summary>
    void Reset();
}
