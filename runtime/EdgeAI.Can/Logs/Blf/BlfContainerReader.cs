using System.Buffers.Binary;
using System.IO.Compression;
using static EdgeAI.Can.Logs.Blf.BlfLayout;

namespace EdgeAI.Can.Logs.Blf;

/// <summary>
/// Reads a BLF file's outer level: the file header, then one object at a time — a LOG_CONTAINER
/// unpacked (zlib or stored), or an object outside any container taken as it is — into a
/// <see cref="BlfChunk"/>. Errors of the outer level are thrown here (with the object's file offset);
/// with SkipBad, containers cut short or lost are counted in the chunk instead. Used by one thread at a time.
/// </summary>
internal sealed class BlfContainerReader : IDisposable
{
    /// <summary>Largest object inside a container: CAN objects are under 200 bytes, so far bigger is corruption.</summary>
    public const int MaxInnerObjectSize = 1 << 20;
    /// <summary>Largest log container (Vector and python-can put 128 KiB of data in one).</summary>
    public const int MaxContainerSize = 16 << 20;
    private const int MaxFileHeaderSize = 1 << 16;
    /// <summary>Zero bytes allowed before an object: Vector pads objectSize % 4 bytes, other writers align to 4 or 8.</summary>
    public const int MaxPadding = 7;

    private readonly Stream _stream;
    private readonly string _name;
    private readonly bool _skipBad;
    private readonly bool _strict;
    private readonly ByteSegmentStream _zlibInput = new();
    private byte[] _packed = [];      // the latest outer object, as stored in the file
    private long _fileOffset;
    private bool _endOfFile;

    public BlfContainerReader(Stream stream, string name, bool skipBad, bool strict = false)
    {
        _stream = stream;
        _name = name;
        _skipBad = skipBad;
        _strict = strict;
    }

    /// <summary>The object count the file header gives (0 while a logger is still writing).</summary>
    public uint ObjectCount { get; private set; }

    /// <summary>Bytes of the file consumed so far.</summary>
    public long FileOffset => _fileOffset;

    /// <summary>False when the file is known to hold no more objects (a seekable stream at its end, or at most padding left).</summary>
    public bool MayHaveMore => !_endOfFile && (!_stream.CanSeek || _stream.Length - _stream.Position >= BaseHeaderSize);

    /// <summary>Reads the file header; returns its start time in ns since the Unix epoch.</summary>
    public long ReadFileHeader(TimeZoneInfo timeZone)
    {
        Span<byte> header = stackalloc byte[FileHeaderFields];
        int got = ReadFile(header);
        if (got < 4 || BinaryPrimitives.ReadUInt32LittleEndian(header) != FileSignature)
            throw Error(0, "a BLF file starting with 'LOGG'", got == 0 ? "an empty file" : Convert.ToHexString(header[..Math.Min(got, 4)]));
        if (got < FileHeaderFields) throw Error(0, $"a file header of {FileHeaderFields}+ bytes", $"a file of {got} bytes");
        ObjectCount = BinaryPrimitives.ReadUInt32LittleEndian(header[ObjectCountOffset..]);
        uint headerSize = BinaryPrimitives.ReadUInt32LittleEndian(header[4..]);
        if (headerSize < FileHeaderFields || headerSize > MaxFileHeaderSize)
            throw Error(4, $"a file header size of {FileHeaderFields}..{MaxFileHeaderSize} bytes", headerSize.ToString());
        int rest = (int)headerSize - FileHeaderFields;
        PooledBytes.Grow(ref _packed, rest, 0);
        if (ReadFile(_packed.AsSpan(0, rest)) < rest) throw Error(0, $"a file header of {headerSize} bytes", "a shorter file");
        return BlfSystemTime.ToUnixNs(header[StartTimeOffset..], timeZone);
    }

    /// <summary>Reads outer objects until one gives <paramref name="chunk"/> its data, is lost, or the file ends.</summary>
    public void ReadNext(BlfChunk chunk)
    {
        chunk.Reset();
        ReadObject(chunk);
        chunk.FileOffset = _fileOffset;
    }

    private void ReadObject(BlfChunk chunk)
    {
        Span<byte> head = stackalloc byte[BaseHeaderSize];
        while (!_endOfFile)
        {
            if (!TryReadObjectHeader(head, chunk, out long offset)) return;
            uint size = BinaryPrimitives.ReadUInt32LittleEndian(head[8..]);
            var type = (BlfObjectType)BinaryPrimitives.ReadUInt32LittleEndian(head[12..]);
            if (size < BaseHeaderSize || size > MaxContainerSize)
                throw Error(offset, $"an object size of {BaseHeaderSize}..{MaxContainerSize} bytes", size.ToString());
            if (type != BlfObjectType.LogContainer && size > MaxInnerObjectSize)
                throw Error(offset, $"an object outside containers of at most {MaxInnerObjectSize} bytes", size.ToString());
            int wanted = (int)size - BaseHeaderSize;
            // A size beyond the end of a file is corruption or truncation: do not allocate for bytes that are not there.
            int reading = _stream.CanSeek ? (int)Math.Clamp(_stream.Length - _stream.Position, 0, wanted) : wanted;
            PooledBytes.Grow(ref _packed, BaseHeaderSize + reading, 0);
            head.CopyTo(_packed);
            int got = ReadFile(_packed.AsSpan(BaseHeaderSize, reading));
            bool truncated = got < wanted;
            if (truncated) Cut(chunk, offset, $"an object of {size} bytes", $"the file ends {BaseHeaderSize + got} bytes into it");
            int length = BaseHeaderSize + got;
            if (type == BlfObjectType.LogContainer)
            {
                if (Unpack(chunk, offset, length, truncated)) return;
                continue;
            }
            if (truncated) return;
            // An object outside any container (some loggers write metadata first): read it as if one held it.
            _packed.AsSpan(0, length).CopyTo(chunk.Reserve(length));
            chunk.SetData(offset, length);
            return;
        }
    }

    /// <summary>Puts a container's data in <paramref name="chunk"/>, or marks it lost; false when there is nothing to give.</summary>
    private bool Unpack(BlfChunk chunk, long offset, int length, bool truncated)
    {
        if (length < ContainerHeaderSize)
        {
            if (truncated) return false;
            throw Error(offset, $"a log container of {ContainerHeaderSize}+ bytes", length.ToString());
        }
        ushort method = BinaryPrimitives.ReadUInt16LittleEndian(_packed.AsSpan(16));
        uint declared = BinaryPrimitives.ReadUInt32LittleEndian(_packed.AsSpan(24));
        int stored = length - ContainerHeaderSize;
        if (method == CompressionNone)
        {
            _packed.AsSpan(ContainerHeaderSize, stored).CopyTo(chunk.Reserve(stored));
            chunk.SetData(offset, stored);
            return true;
        }
        string? problem = null;
        if (method != CompressionZlib) problem = $"compression method {method}";
        else if (declared > MaxContainerSize) problem = $"an unpacked size of {declared} bytes";
        if (problem is null)
        {
            int n = Inflate(stored, chunk.Reserve((int)declared), out bool corrupt);
            if (n == declared || truncated)
            {
                chunk.SetData(offset, n);
                return true;
            }
            problem = corrupt ? "corrupt zlib data" : $"zlib data that unpacks to {n} bytes";
        }
        if (!_skipBad)
            throw Error(offset, $"a log container of zlib (2) or stored (0) data that unpacks to the {declared} bytes it declares", problem);
        chunk.BadRecords++;
        chunk.Kind = BlfChunkKind.Lost;
        return true;
    }

    private int Inflate(int stored, Span<byte> destination, out bool corrupt)
    {
        corrupt = false;
        _zlibInput.Reset(_packed, ContainerHeaderSize, stored);
        int n = 0;
        try
        {
            using var zlib = new ZLibStream(_zlibInput, CompressionMode.Decompress, leaveOpen: true);
            while (n < destination.Length)
            {
                int read = zlib.Read(destination[n..]);
                if (read == 0) break;
                n += read;
            }
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            corrupt = true; // the input is in memory, so an IOException is zlib's (internal) ZLibException, e.g. a preset dictionary
        }
        return n;
    }

    /// <summary>The next outer object header, after the padding that may follow the previous object; false at the end.</summary>
    private bool TryReadObjectHeader(Span<byte> head, BlfChunk chunk, out long offset)
    {
        offset = _fileOffset;
        int got = ReadFile(head);
        if (got == 0)
        {
            _endOfFile = true;
            return false;
        }
        int zeros = 0;
        while (zeros < got && zeros < MaxPadding && head[zeros] == 0) zeros++;
        if (zeros == got && got < head.Length)
        {
            _endOfFile = true;
            return false;
        }
        // Padding is objectSize % 4 bytes whose value Vector's library does not promise to be zero (GLOBAL_MARKER).
        int signature = head[..got].IndexOf("LOBJ"u8);
        if (signature is > 0 and <= MaxPadding) zeros = signature;
        if (zeros > 0)
        {
            head[zeros..got].CopyTo(head);
            got -= zeros;
            offset += zeros;
            got += ReadFile(head[got..]);
        }
        if (got < 4 || BinaryPrimitives.ReadUInt32LittleEndian(head) != ObjectSignature)
            throw Error(offset, "an object signature 'LOBJ'", Convert.ToHexString(head[..Math.Min(got, 4)]));
        if (got < head.Length)
        {
            Cut(chunk, offset, $"an object header of {BaseHeaderSize} bytes", $"the file ends {got} bytes into it");
            return false;
        }
        return true;
    }

    /// <summary>The file ends inside the object at <paramref name="offset"/> (power loss, a partial copy): the frames
    /// before it are read and the reader warns, or with strict reading this is the error.</summary>
    private void Cut(BlfChunk chunk, long offset, string expected, string found)
    {
        if (_strict) throw Error(offset, expected + " (the file is cut; drop --strict to read the frames before)", found);
        if (_skipBad) chunk.BadRecords++;
        chunk.CutShort = true;
        chunk.CutAt = offset;
        _endOfFile = true;
    }

    private int ReadFile(Span<byte> buffer)
    {
        int n = _stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        _fileOffset += n;
        return n;
    }

    private CanLogFormatException Error(long offset, string expected, string found) =>
        new(_name, offset, expected, found, isByteOffset: true);

    /// <summary>Disposes the stream and returns the buffer; only once no thread reads any more.</summary>
    public void Dispose()
    {
        _stream.Dispose();
        PooledBytes.Return(ref _packed);
    }
}
