using System.Buffers.Binary;
using System.IO.Compression;

namespace EdgeAI.Can.Logs;

/// <summary>
/// A <c>.gz</c> log's decompressed bytes, checked at the end against the gzip trailer's length (ISIZE): a stream
/// cut short (a copy or a logger that stopped) or one without its trailer ends early, and gives a warning naming the
/// file and the compressed byte where it ends (an error with <see cref="CanLogReadOptions.Strict"/>). Corrupt
/// compressed data is <c>file@offset: expected gzip data</c> instead of the library's message.
/// Several gzip members in one file (<c>cat a.gz b.gz</c>) are read, but only the last member's length is known:
/// such a file is reported as cut.
/// </summary>
internal sealed class GzipLogStream : Stream
{
    private const int TrailerSize = 8;
    private readonly FileStream _file;
    private readonly GZipStream _gzip;
    private readonly string _name;
    private readonly bool _strict;
    private readonly long _compressedLength;
    private readonly uint? _trailerLength;
    private uint _length;
    private bool _checked;

    public GzipLogStream(FileStream file, string name, bool strict)
    {
        _file = file;
        _name = name;
        _strict = strict;
        if (file.CanSeek)
        {
            _compressedLength = file.Length;
            if (_compressedLength >= TrailerSize)
            {
                Span<byte> trailer = stackalloc byte[4];
                file.Seek(-4, SeekOrigin.End);
                file.ReadExactly(trailer);
                file.Seek(0, SeekOrigin.Begin);
                _trailerLength = BinaryPrimitives.ReadUInt32LittleEndian(trailer);
            }
        }
        _gzip = new GZipStream(file, CompressionMode.Decompress);
    }

    /// <summary>Set once the end is reached when the stream ended early (and reading is not strict).</summary>
    public string? Warning { get; private set; }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int read;
        try
        {
            read = _gzip.Read(buffer);
        }
        catch (InvalidDataException e)
        {
            throw new CanLogFormatException(_name, _file.Position, "gzip data (the compressed data is corrupt at or before this byte)",
                e.Message, isByteOffset: true);
        }
        _length += (uint)read; // ISIZE is the length modulo 2^32
        if (read == 0 && buffer.Length > 0) CheckEnd();
        return read;
    }

    private void CheckEnd()
    {
        if (_checked || !_file.CanSeek) return;
        _checked = true;
        if (_trailerLength == _length) return;
        const string Expected = "a gzip stream that ends with its trailer (the file is cut here: the frames before were read)";
        if (_strict) throw new CanLogFormatException(_name, _compressedLength, Expected + "; drop --strict to read what is there", "", isByteOffset: true);
        Warning = $"{_name}@{_compressedLength}: the gzip stream ends early (the file may be cut; the frames before were read)";
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) _gzip.Dispose();
        base.Dispose(disposing);
    }
}
