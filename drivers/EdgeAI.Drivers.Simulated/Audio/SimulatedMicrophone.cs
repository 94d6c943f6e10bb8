using EdgeAI.Audio;
using EdgeAI.Drivers.Audio;

namespace EdgeAI.Drivers.Simulated;

/// <summary>
/// A microphone that plays a WAV file (a scenario's recording) on a clock, for replays, HIL and tests. The file is read
/// with the real reader (any format, mixed to mono and resampled to 16 kHz) and delivered in chunks of 512 samples: chunk
/// k carries the timestamp <c>startTime + k · 32 ms</c> and becomes readable once the <see cref="TimeProvider"/> reaches
/// <c>epoch + startTime + (k + 1) · 32 ms</c>, when its last sample would have been heard (timers count whole
/// milliseconds: a chunk ending inside a millisecond comes up to 1 ms later, never earlier). On a virtual clock the audio
/// moves exactly as fast as the clock is advanced; nothing is dropped. After the clip the source ends, or, with
/// <c>silenceAfterClip</c>, goes on delivering silence on the same clock as a real microphone would.
/// </summary>
public sealed class SimulatedMicrophone : IAudioSource
{
    private readonly AudioFileSource _file;
    private readonly TimeProvider _time;
    private readonly bool _silenceAfterClip;
    private bool _clipEnded;
    private long _position;

    /// <summary>Plays <paramref name="wavPath"/> on <paramref name="time"/> from <paramref name="startTime"/> of the scenario.</summary>
    /// <param name="wavPath">The recording.</param>
    /// <param name="time">The clock (a virtual one in replays and tests).</param>
    /// <param name="startTime">Where on the scenario's timeline the clip begins.</param>
    /// <param name="epoch">The clock instant that is scenario time 0; null: <paramref name="time"/>'s now.</param>
    /// <param name="silenceAfterClip">After the clip, keep delivering silence instead of ending.</param>
    /// <exception cref="FileNotFoundException">the file does not exist.</exception>
    /// <exception cref="AudioFormatException">the file is not audio this reader takes (one line: file, byte, expected).</exception>
    public SimulatedMicrophone(string wavPath, TimeProvider time, TimeSpan startTime = default, DateTimeOffset? epoch = null, bool silenceAfterClip = false)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
        _file = AudioFileSource.OpenWav(wavPath, origin: startTime);
        StartTime = startTime;
        Epoch = epoch ?? time.GetUtcNow();
        _silenceAfterClip = silenceAfterClip;
    }

    /// <summary>Where the clip begins on the scenario's timeline.</summary>
    public TimeSpan StartTime { get; }
    /// <summary>The clock instant that is scenario time 0.</summary>
    public DateTimeOffset Epoch { get; }
    /// <summary>The recording's own format before mixing and resampling.</summary>
    public EdgeAI.Drivers.Audio.Pcm.PcmFormat ClipFormat => _file.InputFormat;

    /// <inheritdoc/>
    public string Name => _file.Name;
    /// <summary>False: a simulated microphone never drops a sample.</summary>
    public bool IsLive => false;
    /// <inheritdoc/>
    public int SampleRate => _file.SampleRate;
    /// <inheritdoc/>
    public int ChunkSamples => _file.ChunkSamples;
    /// <inheritdoc/>
    public long DroppedSamples => 0;

    /// <inheritdoc/>
    public async ValueTask<AudioChunk> ReadAsync(Memory<float> destination, CancellationToken cancellation = default)
    {
        if (destination.Length < ChunkSamples)
            throw new ArgumentException($"the buffer holds {destination.Length} samples; a chunk is {ChunkSamples}", nameof(destination));
        AudioChunk chunk;
        if (!_clipEnded)
        {
            chunk = _file.Read(destination.Span);
            if (chunk.IsEnd && _silenceAfterClip) _clipEnded = true;
        }
        else
        {
            chunk = default;
        }
        if (_clipEnded)
        {
            destination.Span[..ChunkSamples].Clear();
            chunk = new AudioChunk(ChunkSamples, _position, StartTime + Duration(_position));
        }
        _position = chunk.FirstSample + chunk.Count;
        var due = Epoch + StartTime + Duration(_position);
        // Timers count whole milliseconds: wait for the first one at or after the chunk's end, never before it.
        for (var wait = due - _time.GetUtcNow(); wait > TimeSpan.Zero; wait = due - _time.GetUtcNow())
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Ceiling(wait.TotalMilliseconds)), _time, cancellation).ConfigureAwait(false);
        return chunk;
    }

    private TimeSpan Duration(long samples) => TimeSpan.FromTicks(samples * TimeSpan.TicksPerSecond / SampleRate);

    /// <inheritdoc/>
    public void Dispose() => _file.Dispose();
}
