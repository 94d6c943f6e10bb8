using EdgeAI.Audio;
using EdgeAI.Drivers.Audio.Pcm;
using EdgeAI.Drivers.Audio.Wav;

namespace EdgeAI.Drivers.Audio;

/// <summary>
/// Audio from a WAV file or a raw PCM stream (stdin), mixed down to mono and resampled
/// (<see cref="PolyphaseResampler"/>) to <see cref="SampleRate"/>, delivered in chunks of <see cref="ChunkSamples"/>
/// without waiting and without dropping anything: the same file always gives the same chunks. Sample 0 is at
/// <see cref="Origin"/>. A file truncated in its header or data is reported when it is opened (a pipe: when it ends).
/// </summary>
public sealed class AudioFileSource : IAudioSource
{
    /// <summary>The voice pipeline's rate.</summary>
    public const int DefaultSampleRate = 16000;
    /// <summary>Silero VAD's chunk at 16 kHz (32 ms).</summary>
    public const int DefaultChunkSamples = 512;

    private readonly PcmStreamReader _reader;
    private readonly PolyphaseResampler _resampler;
    private readonly float[] _decoded = new float[PcmStreamReader.BlockFrames];
    private readonly float[] _pending;
    private int _pendingStart, _pendingCount;
    private bool _inputEnded, _flushed;
    private long _position;

    private AudioFileSource(PcmStreamReader reader, string name, int sampleRate, int chunkSamples, TimeSpan origin)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(chunkSamples);
        _reader = reader;
        Name = name;
        SampleRate = sampleRate;
        ChunkSamples = chunkSamples;
        Origin = origin;
        _resampler = new PolyphaseResampler(reader.Format.SampleRate, sampleRate);
        _pending = new float[Math.Max(_resampler.MaxOutput(_decoded.Length), _resampler.MaxFlushOutput) + chunkSamples];
    }

    /// <summary>Opens a WAV file.</summary>
    /// <exception cref="FileNotFoundException">the file does not exist.</exception>
    /// <exception cref="AudioFormatException">the header is truncated, corrupt or unsupported, or the data is shorter
    /// than the header says (the message names the file, the byte offset and what was expected).</exception>
    public static AudioFileSource OpenWav(string path, int sampleRate = DefaultSampleRate, int chunkSamples = DefaultChunkSamples, TimeSpan origin = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no such audio file", path);
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024);
        try
        {
            return OpenWav(stream, path, sampleRate, chunkSamples, origin);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Reads a WAV file from <paramref name="stream"/> (taken over: disposed with the source).</summary>
    /// <exception cref="AudioFormatException">as <see cref="OpenWav(string, int, int, TimeSpan)"/>.</exception>
    public static AudioFileSource OpenWav(Stream stream, string name, int sampleRate = DefaultSampleRate, int chunkSamples = DefaultChunkSamples, TimeSpan origin = default)
    {
        var header = WavHeader.Read(stream, name);
        var reader = new PcmStreamReader(stream, name, header.Format, header.DataOffset, header.DataLength);
        return new AudioFileSource(reader, name, sampleRate, chunkSamples, origin) { Header = header };
    }

    /// <summary>Reads headerless PCM (stdin: <c>arecord -t raw</c>, <c>sox -t raw</c>) of <paramref name="format"/> to its end.</summary>
    /// <param name="stream">The input (taken over: disposed with the source).</param>
    /// <param name="name">For messages (<c>-</c> for stdin).</param>
    /// <param name="format">The samples' layout; s16le mono at the input's rate for most tools.</param>
    /// <param name="sampleRate">Output rate.</param>
    /// <param name="chunkSamples">Output chunk size.</param>
    /// <param name="origin">Time of sample 0.</param>
    public static AudioFileSource OpenRaw(Stream stream, string name, PcmFormat format, int sampleRate = DefaultSampleRate, int chunkSamples = DefaultChunkSamples, TimeSpan origin = default)
    {
        ArgumentNullException.ThrowIfNull(format);
        var reader = new PcmStreamReader(stream, name, format);
        return new AudioFileSource(reader, name, sampleRate, chunkSamples, origin);
    }

    /// <summary>A whole WAV file as mono float at <paramref name="sampleRate"/>.</summary>
    /// <exception cref="AudioFormatException">as <see cref="OpenWav(string, int, int, TimeSpan)"/>.</exception>
    public static float[] ReadAll(string path, int sampleRate = DefaultSampleRate)
    {
        using var source = OpenWav(path, sampleRate, chunkSamples: 4096);
        return source.ReadToEnd();
    }

    /// <summary>The rest of the input as one array (for offline processing and tests).</summary>
    public float[] ReadToEnd()
    {
        var all = new List<float>();
        var chunk = new float[ChunkSamples];
        while (true)
        {
            var read = Read(chunk);
            if (read.IsEnd) return [.. all];
            all.AddRange(chunk.AsSpan(0, read.Count));
        }
    }

    /// <summary>The WAV header (null for raw PCM).</summary>
    public WavHeader? Header { get; private init; }
    /// <summary>The input's layout before mixing and resampling.</summary>
    public PcmFormat InputFormat => _reader.Format;
    /// <summary>The resampler (pass-through when the input is already at <see cref="SampleRate"/>).</summary>
    public PolyphaseResampler Resampler => _resampler;
    /// <summary>Time of sample 0.</summary>
    public TimeSpan Origin { get; }

    /// <inheritdoc/>
    public string Name { get; }
    /// <inheritdoc/>
    public bool IsLive => false;
    /// <inheritdoc/>
    public int SampleRate { get; }
    /// <inheritdoc/>
    public int ChunkSamples { get; }
    /// <inheritdoc/>
    public long DroppedSamples => 0;

    /// <inheritdoc/>
    public ValueTask<AudioChunk> ReadAsync(Memory<float> destination, CancellationToken cancellation = default)
    {
        cancellation.ThrowIfCancellationRequested();
        return new ValueTask<AudioChunk>(Read(destination.Span));
    }

    /// <summary>The next chunk, synchronously (a file never waits).</summary>
    /// <exception cref="AudioFormatException">the input ended before its announced length or inside a frame.</exception>
    public AudioChunk Read(Span<float> destination)
    {
        if (destination.Length < ChunkSamples)
            throw new ArgumentException($"the buffer holds {destination.Length} samples; a chunk is {ChunkSamples}", nameof(destination));
        while (_pendingCount < ChunkSamples && !_flushed) Refill();
        int count = Math.Min(ChunkSamples, _pendingCount);
        var time = Origin + TimeSpan.FromTicks(_position * TimeSpan.TicksPerSecond / SampleRate);
        if (count == 0) return AudioChunk.End(_position, time);
        _pending.AsSpan(_pendingStart, count).CopyTo(destination);
        _pendingStart += count;
        _pendingCount -= count;
        var chunk = new AudioChunk(count, _position, time);
        _position += count;
        return chunk;
    }

    private void Refill()
    {
        if (_pendingStart > 0)
        {
            _pending.AsSpan(_pendingStart, _pendingCount).CopyTo(_pending);
            _pendingStart = 0;
        }
        var room = _pending.AsSpan(_pendingCount);
        if (!_inputEnded)
        {
            int frames = _reader.Read(_decoded);
            if (frames > 0)
            {
                _pendingCount += _resampler.Process(_decoded.AsSpan(0, frames), room);
                return;
            }
            _inputEnded = true;
        }
        _pendingCount += _resampler.Flush(room);
        _flushed = true;
    }

    /// <inheritdoc/>
    public void Dispose() => _reader.Dispose();
}
