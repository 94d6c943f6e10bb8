using EdgeAI.Audio;
using EdgeAI.Drivers.Audio;

namespace EdgeAI.Drivers.Simulated;

/// <summary>
/// A cabin microphone for replays: a low car-noise floor with recordings (a scenario's utterances) mixed in at their
/// times, 16 kHz mono in chunks of 512 samples from time 0. It is not paced: like a file, it delivers as fast as it is
/// read, and whoever reads it follows the drive's clock (the host's voice stage). It ends a tail after the
/// last recording, so a replay's voice stage ends too.
/// </summary>
public sealed class ScriptedSpeechSource : IAudioSource
{
    private readonly List<(long Start, float[] Samples)> _clips = [];
    private readonly CarNoise? _noise;
    private readonly long _end;
    private long _position;

    /// <summary>A source playing each <c>(At, Wav)</c> recording at its time over car noise of <paramref name="noiseRms"/>.</summary>
    /// <param name="recordings">When each recording begins, and its WAV file (any format the WAV reader takes).</param>
    /// <param name="tail">How long the source goes on after the last recording.</param>
    /// <param name="noiseRms">The noise floor (RMS of full scale; 0: digital silence).</param>
    /// <param name="seed">The noise's seed: the same seed gives the same samples.</param>
    /// <exception cref="FileNotFoundException">a recording is missing.</exception>
    /// <exception cref="AudioFormatException">a recording is not audio the reader takes (one line: file, byte, expected).</exception>
    public ScriptedSpeechSource(IEnumerable<(TimeSpan At, string Wav)> recordings, TimeSpan tail, double noiseRms = 0.003, int seed = 7)
    {
        ArgumentNullException.ThrowIfNull(recordings);
        long end = 0;
        foreach (var (at, wav) in recordings)
        {
            if (at < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(recordings), at, "a recording begins at or after 0");
            var samples = AudioFileSource.ReadAll(wav, SampleRate);
            long start = (long)Math.Round(at.TotalSeconds * SampleRate);
            _clips.Add((start, samples));
            end = Math.Max(end, start + samples.Length);
        }
        Recordings = _clips.Count;
        _end = end + (long)Math.Round(tail.TotalSeconds * SampleRate);
        _noise = noiseRms > 0 ? new CarNoise(seed, noiseRms) : null;
    }

    /// <summary>How many recordings it plays.</summary>
    public int Recordings { get; }

    /// <summary>How long it delivers in all.</summary>
    public TimeSpan Length => TimeSpan.FromTicks(_end * TimeSpan.TicksPerSecond / SampleRate);

    /// <inheritdoc/>
    public string Name => $"scripted speech ({Recordings} recordings)";
    /// <summary>False: it is read like a file.</summary>
    public bool IsLive => false;
    /// <inheritdoc/>
    public int SampleRate => AudioFileSource.DefaultSampleRate;
    /// <inheritdoc/>
    public int ChunkSamples => AudioFileSource.DefaultChunkSamples;
    /// <inheritdoc/>
    public long DroppedSamples => 0;

    /// <inheritdoc/>
    public ValueTask<AudioChunk> ReadAsync(Memory<float> destination, CancellationToken cancellation = default)
    {
        if (destination.Length < ChunkSamples)
            throw new ArgumentException($"the buffer holds {destination.Length} samples; a chunk is {ChunkSamples}", nameof(destination));
        var start = TimeSpan.FromTicks(_position * TimeSpan.TicksPerSecond / SampleRate);
        if (_position >= _end) return ValueTask.FromResult(AudioChunk.End(_position, start));
        int n = (int)Math.Min(ChunkSamples, _end - _position);
        var span = destination.Span[..n];
        if (_noise is not null) _noise.Fill(span);
        else span.Clear();
        foreach (var (clipStart, samples) in _clips)
        {
            long from = Math.Max(_position, clipStart), to = Math.Min(_position + n, clipStart + samples.Length);
            for (long i = from; i < to; i++) span[(int)(i - _position)] += samples[i - clipStart];
        }
        var chunk = new AudioChunk(n, _position, start);
        _position += n;
        return ValueTask.FromResult(chunk);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
    }
}
