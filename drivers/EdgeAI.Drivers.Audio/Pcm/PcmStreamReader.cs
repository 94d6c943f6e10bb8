namespace EdgeAI.Drivers.Audio.Pcm;

/// <summary>
/// Reads interleaved PCM frames from a stream (a WAV file's data chunk, or raw PCM on stdin) and mixes them down to mono
/// float. Short reads from pipes are put together into whole frames; input that ends inside a frame, or before the
/// length a WAV header announced, is an <see cref="AudioFormatException"/> naming the byte where it ended.
/// </summary>
public sealed class PcmStreamReader : IDisposable
{
    /// <summary>Frames decoded per read from the stream at most.</summary>
    public const int BlockFrames = 4096;

    private readonly Stream _stream;
    private readonly bool _ownsStream;
    private readonly byte[] _bytes;
    private readonly long _dataStart;
    private readonly long _dataLength;
    private long _consumed;
    private int _carried;

    /// <summary>Frames of <paramref name="format"/> from <paramref name="stream"/>, positioned at the first sample.</summary>
    /// <param name="stream">The input, at the first byte of sample data.</param>
    /// <param name="name">The path or stream name for messages.</param>
    /// <param name="format">The frames' layout.</param>
    /// <param name="dataStart">Byte offset of the first sample from the start of the input (for messages).</param>
    /// <param name="dataLength">Bytes of sample data announced, or -1 to read to the end of the stream.</param>
    /// <param name="ownsStream">Dispose <paramref name="stream"/> with the reader.</param>
    public PcmStreamReader(Stream stream, string name, PcmFormat format, long dataStart = 0, long dataLength = -1, bool ownsStream = true)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(format);
        _stream = stream;
        _ownsStream = ownsStream;
        Name = name;
        Format = format;
        _dataStart = dataStart;
        _dataLength = dataLength;
        _bytes = new byte[BlockFrames * format.BlockAlign];
    }

    /// <summary>The path or stream name.</summary>
    public string Name { get; }
    /// <summary>The frames' layout.</summary>
    public PcmFormat Format { get; }
    /// <summary>Frames in the input when the header announced a length; -1 for a stream read to its end.</summary>
    public long TotalFrames => _dataLength < 0 ? -1 : _dataLength / Format.BlockAlign;
    /// <summary>Frames decoded so far.</summary>
    public long FramesRead { get; private set; }

    /// <summary>Decodes the next frames as mono into <paramref name="destination"/>.</summary>
    /// <returns>Frames decoded; 0 at the end of the data.</returns>
    /// <exception cref="AudioFormatException">the input ended inside a frame or before its announced length.</exception>
    public int Read(Span<float> destination)
    {
        int block = Format.BlockAlign;
        int want = Math.Min(destination.Length, BlockFrames);
        if (_dataLength >= 0) want = (int)Math.Min(want, (_dataLength - _consumed) / block);
        if (want <= 0) return 0;
        int need = want * block;
        int have = _carried;
        while (have < block)
        {
            int n = _stream.Read(_bytes, have, need - have);
            if (n == 0) break;
            have += n;
        }
        long position = _dataStart + _consumed + have;
        if (have < block)
        {
            if (have == 0 && _dataLength < 0) return 0;
            throw Truncated(position, have);
        }
        int frames = have / block;
        PcmCodec.DecodeMono(_bytes.AsSpan(0, frames * block), Format, destination);
        _carried = have - frames * block;
        if (_carried > 0) _bytes.AsSpan(frames * block, _carried).CopyTo(_bytes);
        _consumed += frames * block;
        FramesRead += frames;
        return frames;
    }

    private AudioFormatException Truncated(long position, int partial)
    {
        if (_dataLength >= 0)
            return new AudioFormatException(Name, position, $"the input ends (truncated mid-data) after {_consumed + partial} of the {_dataLength} sample bytes the 'data' chunk announces",
                $"{_dataLength - _consumed - partial} more bytes of {Format}");
        return new AudioFormatException(Name, position, $"the input ends inside a frame ({partial} of its {Format.BlockAlign} bytes; truncated mid-sample)", $"whole frames of {Format}");
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_ownsStream) _stream.Dispose();
    }
}
