using System.Buffers.Binary;
using System.IO.Compression;

namespace EdgeAI.Can.Logs;

/// <summary>
/// The decompressed bytes of a <c>.gz</c> log, checked at the end against the gzip trailer (the uncompressed size
/// modulo 2^32): a stream cut short (a logger that lost power, a partial copy) decompresses without complaint in
/// .NET, and would otherwise read as a shorter, complete log. Damage inside the stream is reported with the file
/// and the compressed byte offset.
/// </summary>
internal sealed class GzipLogStream : Stream
{
    private readonly FileStream _file;
    private readonly GZipStream _gzip;
    private readonly string _name;
    private readonly uint? _trailerSize;
    private long _decompressed;

    public GzipLogStream(FileStream file, string name)
    {
        _file = file;
        _name = name;
        if (file.CanSeek && file.Length >= 18)
        {
            Span<byte> trailer = stackalloc byte[4];
            file.Position = file.Length - 4;
            file.ReadExactly(trailer);
            file.Position = 0;
            _trailerSize = BinaryPrimitives.ReadUInt32LittleEndian(trailer);
        }
        _gzip = new GZipStream(file, CompressionMode.Decompress);
    }

    /// <summary>After the end: why the stream looks cut, or null when its size matches the trailer.</summary>
    public string? Problem { get; private set; }

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
            throw new CanLogFormatException(_name, _file.Position, "a gzip stream that decompresses", e.Message, isByteOffset: true);
        }
        _decompressed += read;
        if (read == 0 && buffer.Length > 0 && Problem is null && _trailerSize is { } size && (uint)_decompressed != size)
            Problem = $"{_name}: the gzip stream ends after {_decompressed} bytes but its trailer says {size} (mod 2^32): the file may be cut, and the frames after the cut are missing";
        return read;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _decompressed; set => throw new NotSupportedException(); }
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
