using System.Buffers.Binary;
using System.Text;
using EdgeAI.Drivers.Audio.Pcm;

namespace EdgeAI.Drivers.Audio.Wav;

/// <summary>
/// What a RIFF/WAVE file's header says: the sample layout from its <c>fmt </c> chunk and where its <c>data</c> chunk
/// is. Reads PCM (format tag 1: 8-bit unsigned, 16/24/32-bit signed), IEEE float (tag 3: 32/64-bit) and
/// WAVE_FORMAT_EXTENSIBLE (0xFFFE) with either sub-format, any number of channels; skips every other chunk
/// (LIST, fact, PEAK, cue, bext, JUNK ...).
/// </summary>
public sealed class WavHeader
{
    /// <summary>WAVE_FORMAT_PCM.</summary>
    public const int TagPcm = 1;
    /// <summary>WAVE_FORMAT_IEEE_FLOAT.</summary>
    public const int TagFloat = 3;
    /// <summary>WAVE_FORMAT_EXTENSIBLE: the real format is the first two bytes of the sub-format GUID.</summary>
    public const int TagExtensible = 0xFFFE;
    /// <summary>The data size a writer streaming to a pipe leaves: read to the end of the input.</summary>
    public const uint UnknownLength = 0xFFFFFFFF;

    // KSDATAFORMAT_SUBTYPE_* = {000000xx-0000-0010-8000-00aa00389b71}: bytes 2..15 as stored in the file.
    private static ReadOnlySpan<byte> GuidTail => [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71];

    private WavHeader(PcmFormat format, int formatTag, int validBits, long dataOffset, long dataLength)
    {
        Format = format;
        FormatTag = formatTag;
        ValidBits = validBits;
        DataOffset = dataOffset;
        DataLength = dataLength;
    }

    /// <summary>The sample layout.</summary>
    public PcmFormat Format { get; }
    /// <summary>The <c>fmt </c> chunk's format tag (1, 3 or 0xFFFE).</summary>
    public int FormatTag { get; }
    /// <summary>Significant bits per sample (WAVE_FORMAT_EXTENSIBLE may say fewer than the container holds).</summary>
    public int ValidBits { get; }
    /// <summary>Byte offset of the first sample.</summary>
    public long DataOffset { get; }
    /// <summary>Bytes of sample data, or -1 when the header did not know (a WAV streamed to a pipe): read to the end.</summary>
    public long DataLength { get; }
    /// <summary>Frames of audio, or -1 when <see cref="DataLength"/> is unknown.</summary>
    public long Frames => DataLength < 0 ? -1 : DataLength / Format.BlockAlign;
    /// <summary>The audio's length, or null when unknown.</summary>
    public TimeSpan? Duration => DataLength < 0 ? null : TimeSpan.FromTicks(Frames * TimeSpan.TicksPerSecond / Format.SampleRate);

    /// <summary>
    /// Reads the header from <paramref name="stream"/> and leaves it at the first sample. When the stream can seek, a
    /// data chunk longer than what the file holds is reported here, before any sample is read.
    /// </summary>
    /// <param name="stream">The input at its first byte.</param>
    /// <param name="name">The path or stream name for messages.</param>
    /// <exception cref="AudioFormatException">the header is truncated, corrupt or describes an unsupported encoding;
    /// the message names the byte offset and what was expected there.</exception>
    public static WavHeader Read(Stream stream, string name)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var reader = new HeaderReader(stream, name);
        Span<byte> head = stackalloc byte[12];
        reader.Fill(head, "a RIFF/WAVE header (12 bytes: 'RIFF', size, 'WAVE')");
        if (!head[..4].SequenceEqual("RIFF"u8))
            throw new AudioFormatException(name, 0, $"'{Printable(head[..4])}'", "'RIFF' (a WAV file)");
        if (!head[8..12].SequenceEqual("WAVE"u8))
            throw new AudioFormatException(name, 8, $"'{Printable(head[8..12])}'", "'WAVE' (a RIFF file holding audio)");

        PcmFormat? format = null;
        int tag = 0, validBits = 0;
        Span<byte> chunk = stackalloc byte[8];
        while (true)
        {
            long chunkStart = reader.Position;
            reader.Fill(chunk, format is null ? "a chunk header (8 bytes: id, size) on the way to the 'fmt ' chunk" : "a chunk header (8 bytes: id, size) on the way to the 'data' chunk");
            var id = chunk[..4];
            uint size = BinaryPrimitives.ReadUInt32LittleEndian(chunk[4..]);
            if (id.SequenceEqual("fmt "u8))
            {
                (format, tag, validBits) = ReadFormat(reader, name, chunkStart, size);
            }
            else if (id.SequenceEqual("data"u8))
            {
                if (format is null)
                    throw new AudioFormatException(name, chunkStart, "a 'data' chunk before any 'fmt ' chunk", "'fmt ' first (the sample format)");
                long dataStart = reader.Position;
                long length = size == UnknownLength ? -1 : size;
                if (length >= 0 && length % format.BlockAlign != 0)
                    throw new AudioFormatException(name, chunkStart + 4, $"a 'data' chunk of {length} bytes, not a whole number of {format.BlockAlign}-byte frames",
                        $"a multiple of {format.BlockAlign} ({format})");
                if (length >= 0 && stream.CanSeek && dataStart + length > stream.Length)
                    throw new AudioFormatException(name, stream.Length, $"the file ends (truncated mid-data) {stream.Length - dataStart} bytes into a 'data' chunk that announces {length}",
                        $"{dataStart + length - stream.Length} more bytes of {format}");
                return new WavHeader(format, tag, validBits, dataStart, length);
            }
            else
            {
                // RIFF chunks are padded to an even size.
                reader.Skip(size + (size & 1), $"the rest of the '{Printable(id)}' chunk ({size} bytes)");
            }
        }
    }

    private static (PcmFormat, int Tag, int ValidBits) ReadFormat(HeaderReader reader, string name, long chunkStart, uint size)
    {
        long at = chunkStart + 8;
        if (size < 16)
            throw new AudioFormatException(name, chunkStart + 4, $"a 'fmt ' chunk of {size} bytes", "at least 16 bytes");
        if (size > 1024)
            throw new AudioFormatException(name, chunkStart + 4, $"a 'fmt ' chunk of {size} bytes", "at most 40 bytes (a corrupt header?)");
        Span<byte> fmt = stackalloc byte[(int)size];
        reader.Fill(fmt, $"a 'fmt ' chunk of {size} bytes");
        int tag = BinaryPrimitives.ReadUInt16LittleEndian(fmt);
        int channels = BinaryPrimitives.ReadUInt16LittleEndian(fmt[2..]);
        uint rate = BinaryPrimitives.ReadUInt32LittleEndian(fmt[4..]);
        int blockAlign = BinaryPrimitives.ReadUInt16LittleEndian(fmt[12..]);
        int bits = BinaryPrimitives.ReadUInt16LittleEndian(fmt[14..]);
        int validBits = bits;
        int effective = tag;
        if (tag == TagExtensible)
        {
            int cb = size >= 18 ? BinaryPrimitives.ReadUInt16LittleEndian(fmt[16..]) : 0;
            if (size < 40 || cb < 22)
                throw new AudioFormatException(name, at + 16, $"WAVE_FORMAT_EXTENSIBLE with {(size < 18 ? 0 : cb)} extension bytes", "22 (valid bits, channel mask, sub-format GUID)");
            validBits = BinaryPrimitives.ReadUInt16LittleEndian(fmt[18..]);
            var guid = fmt.Slice(24, 16);
            effective = BinaryPrimitives.ReadUInt16LittleEndian(guid);
            if (!guid[2..].SequenceEqual(GuidTail) || effective is not (TagPcm or TagFloat))
                throw new AudioFormatException(name, at + 24, $"sub-format {new Guid(guid)}", "KSDATAFORMAT_SUBTYPE_PCM or KSDATAFORMAT_SUBTYPE_IEEE_FLOAT");
            if (validBits == 0) validBits = bits;
            if (validBits > bits)
                throw new AudioFormatException(name, at + 18, $"{validBits} valid bits in a {bits}-bit container", $"at most {bits}");
        }
        else if (tag is not (TagPcm or TagFloat))
        {
            throw new AudioFormatException(name, at, $"format tag 0x{tag:X4}{KnownTag(tag)}", "PCM (1), IEEE float (3) or WAVE_FORMAT_EXTENSIBLE (0xFFFE)");
        }
        if (channels == 0)
            throw new AudioFormatException(name, at + 2, "0 channels", "1 or more");
        if (rate == 0 || rate > 1_000_000)
            throw new AudioFormatException(name, at + 4, $"a sample rate of {rate} Hz", "1 to 1000000 Hz");
        SampleFormat sample = (effective, bits) switch
        {
            (TagPcm, 8) => SampleFormat.Unsigned8,
            (TagPcm, 16) => SampleFormat.Signed16,
            (TagPcm, 24) => SampleFormat.Signed24,
            (TagPcm, 32) => SampleFormat.Signed32,
            (TagFloat, 32) => SampleFormat.Float32,
            (TagFloat, 64) => SampleFormat.Float64,
            (TagPcm, _) => throw new AudioFormatException(name, at + 14, $"{bits} bits per PCM sample", "8, 16, 24 or 32"),
            _ => throw new AudioFormatException(name, at + 14, $"{bits} bits per float sample", "32 or 64"),
        };
        var format = new PcmFormat(sample, channels, (int)rate);
        if (blockAlign != format.BlockAlign)
            throw new AudioFormatException(name, at + 12, $"a block align of {blockAlign} bytes", $"{channels} channels x {format.BytesPerSample} bytes = {format.BlockAlign}");
        // The pad byte after an odd-sized fmt chunk.
        if ((size & 1) != 0) reader.Skip(1, "the pad byte after the 'fmt ' chunk");
        return (format, tag, validBits);
    }

    private static string KnownTag(int tag) => tag switch
    {
        2 => " (Microsoft ADPCM)",
        6 => " (A-law)",
        7 => " (mu-law)",
        0x11 => " (IMA ADPCM)",
        0x31 => " (GSM 6.10)",
        0x50 => " (MPEG)",
        0x55 => " (MP3)",
        0xFF => " (AAC)",
        _ => "",
    };

    private static string Printable(ReadOnlySpan<byte> id)
    {
        var text = new StringBuilder(id.Length);
        foreach (byte b in id) text.Append(b is >= 0x20 and < 0x7F ? (char)b : '?');
        return text.ToString();
    }

    /// <summary>Reads the header's bytes, knowing the offset so every message can name it.</summary>
    private sealed class HeaderReader(Stream stream, string name)
    {
        public long Position { get; private set; }

        public void Fill(Span<byte> buffer, string expected)
        {
            int have = 0;
            while (have < buffer.Length)
            {
                int n = stream.Read(buffer[have..]);
                if (n == 0)
                    throw new AudioFormatException(name, Position + have,
                        have == 0 ? "the end of the file (truncated mid-header)" : $"the end of the file after {have} of these {buffer.Length} bytes (truncated mid-header)", expected);
                have += n;
            }
            Position += buffer.Length;
        }

        public void Skip(long count, string expected)
        {
            if (stream.CanSeek)
            {
                if (stream.Position + count > stream.Length)
                    throw new AudioFormatException(name, stream.Length, "the end of the file (truncated mid-header)", expected);
                stream.Seek(count, SeekOrigin.Current);
                Position += count;
                return;
            }
            Span<byte> scratch = stackalloc byte[512];
            while (count > 0)
            {
                int n = stream.Read(scratch[..(int)Math.Min(count, scratch.Length)]);
                if (n == 0) throw new AudioFormatException(name, Position, "the end of the input (truncated mid-header)", expected);
                count -= n;
                Position += n;
            }
        }
    }
}
