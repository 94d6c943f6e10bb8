namespace EdgeAI.Audio;

/// <summary>
/// Where speech comes from: a WAV file or raw PCM on stdin, an ALSA capture device (drivers/EdgeAI.Drivers.Audio) or a
/// scenario's recording played on the virtual clock (drivers/EdgeAI.Drivers.Simulated). Every source delivers mono float
/// samples in [-1, 1] at <see cref="SampleRate"/> (16 kHz for the voice pipeline) in chunks of <see cref="ChunkSamples"/>;
/// files never drop a sample, live sources count what they drop. One reader at a time.
/// </summary>
public interface IAudioSource : IDisposable
{
    /// <summary>What the user named: a path, <c>-</c> for stdin, an ALSA device name.</summary>
    string Name { get; }
    /// <summary>True for capture devices (samples may be dropped when the reader falls behind), false otherwise.</summary>
    bool IsLive { get; }
    /// <summary>Samples per second of what <see cref="ReadAsync"/> delivers.</summary>
    int SampleRate { get; }
    /// <summary>Samples per chunk; every chunk but a file's last one is this long.</summary>
    int ChunkSamples { get; }
    /// <summary>Samples lost because the reader (or, for a device, the capture thread) fell behind; 0 for files.</summary>
    long DroppedSamples { get; }

    /// <summary>
    /// Fills <paramref name="destination"/> (at least <see cref="ChunkSamples"/> long) with the next chunk. Completes
    /// synchronously when a chunk is ready (files always), otherwise when the device or the clock delivers one.
    /// </summary>
    /// <returns>The chunk written; <see cref="AudioChunk.IsEnd"/> once the source has ended.</returns>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <see cref="ChunkSamples"/>.</exception>
    /// <exception cref="FormatException">the file or stream is corrupt or truncated (one line naming it, the byte offset and what was expected).</exception>
    /// <exception cref="IOException">the device failed (the message names it and the driver's reason).</exception>
    ValueTask<AudioChunk> ReadAsync(Memory<float> destination, CancellationToken cancellation = default);
}
