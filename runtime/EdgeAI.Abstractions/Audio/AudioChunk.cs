namespace EdgeAI.Audio;

/// <summary>
/// What <see cref="IAudioSource.ReadAsync"/> put into the caller's buffer: how many samples, the index of the first one
/// in the source's sample count (which keeps counting through dropped samples, so a gap shows where audio was lost) and
/// when it was heard on the source's clock.
/// </summary>
/// <param name="Count">Samples written; 0 means the source has ended.</param>
/// <param name="FirstSample">Index of the first sample since the source started, at <see cref="IAudioSource.SampleRate"/>.</param>
/// <param name="Timestamp">When the first sample was heard: the source's start time plus <paramref name="FirstSample"/> / rate.</param>
public readonly record struct AudioChunk(int Count, long FirstSample, TimeSpan Timestamp)
{
    /// <summary>True when the source has ended and nothing was written.</summary>
    public bool IsEnd => Count == 0;

    /// <summary>The end-of-stream marker at sample <paramref name="position"/>.</summary>
    public static AudioChunk End(long position, TimeSpan timestamp) => new(0, position, timestamp);
}
