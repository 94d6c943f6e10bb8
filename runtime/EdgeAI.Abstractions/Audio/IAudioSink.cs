namespace EdgeAI.Audio;

/// <summary>
/// Where synthesized speech goes: an ALSA playback device or a WAV file (drivers/EdgeAI.Drivers.Audio). Samples are mono
/// float in [-1, 1] at <see cref="SampleRate"/>; values outside are clipped.
/// </summary>
public interface IAudioSink : IDisposable
{
    /// <summary>The device name or the path written.</summary>
    string Name { get; }
    /// <summary>Samples per second the sink expects.</summary>
    int SampleRate { get; }
    /// <summary>Samples accepted since the sink opened.</summary>
    long SamplesWritten { get; }

    /// <summary>Queues <paramref name="samples"/>; a device returns once they fit into its buffer (playback paces the caller).</summary>
    /// <exception cref="IOException">the device or file failed.</exception>
    void Write(ReadOnlySpan<float> samples);

    /// <summary>Barge-in: drops whatever is queued and not yet heard; returns at once. A file keeps what was written.</summary>
    void Stop();

    /// <summary>Plays out what is queued (a device) or finishes the file (header, atomic rename); no writes after it.</summary>
    /// <exception cref="IOException">the device or file failed.</exception>
    void Complete();
}
