using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using static EdgeAI.Can.Logs.Blf.BlfLayout;

namespace EdgeAI.Can.Logs.Blf;

/// <summary>
/// Reads Vector BLF (binary logging format) files in constant memory: the file header, then
/// LOG_CONTAINER objects whose zlib-compressed (or stored) data holds the inner objects, which may be
/// split across containers. CAN_MESSAGE, CAN_MESSAGE2, CAN_FD_MESSAGE, CAN_FD_MESSAGE_64 and
/// CAN_ERROR_EXT objects become frames; every other object (LIN, Ethernet, text, markers, Tx requests)
/// is skipped and counted. A frame's time is the header's start time (local time in
/// <see cref="CanLogReadOptions.TimeZone"/>) plus the object's offset (10 µs or 1 ns units);
/// its channel is the object's 1-based channel number - 1.
/// </summary>
public sealed class BlfLogReader : ICanLogReader
{
    /// <summary>Largest object inside a container: CAN objects are under 200 bytes, so far bigger is corruption.</summary>
    internal const int MaxInnerObjectSize = 1 << 20;
    /// <summary>Largest log container (Vector and python-can put 128 KiB of data in one).</summary>
    internal const int MaxContainerSize = 16 << 20;
    private const int MaxFileHeaderSize = 1 << 16;
    /// <summary>Zero bytes allowed before an object: Vector pads objectSize % 4 bytes, other writers align to 4 or 8.</summary>
    private const int MaxPadding = 7;

    private readonly Stream _stream;
    private readonly string _name;
    private readonly CanLogReadOptions _options;
    private readonly TimeZoneInfo _timeZone;
    private readonly ByteSegmentStream _zlibInput = new();

    private byte[] _container = [];   // the latest outer object, as stored in the file
    private byte[] _data = [];        // inner objects: the unread end of earlier containers, then the latest container's data
    private int _dataStart;
    private int _dataEnd;

    // Where _data's bytes came from, so errors can name a file offset: the latest container's data
    // starts at _latestStart; bytes before it began in the container at _earlierOffset, byte _earlierBase.
    private int _latestStart;
    private long _latestOffset;
    private long _earlierOffset;
    private long _earlierBase;

    private bool _headerRead;
    private bool _endOfFile;
    private bool _finished;
    private bool _resync;
    private bool _cutShortCounted;
    private long _startNs;
    private long _fileOffset;
    private string _expected = "";
    private string _found = "";

    /// <summary>Reads BLF from <paramref name="stream"/> (which it disposes); <paramref name="name"/> appears in errors.</summary>
    public BlfLogReader(Stream stream, string name, CanLogReadOptions options)
    {
        _stream = stream;
        _name = name;
        _options = options;
        _timeZone = options.TimeZone ?? TimeZoneInfo.Local;
    }

    public CanChannelTable Channels { get; } = new();
    public long SkippedRecords { get; private set; }
    public long BadRecords { get; private set; }
    public long Position => _fileOffset;

    public bool TryRead(out CanFrame frame)
    {
        if (!_headerRead) ReadFileHeader();
        while (!_finished)
        {
            var step = TakeObject(out int start, out int size);
            if (step == Step.Object)
            {
                var decoded = Decode(_data.AsSpan(start, size), out frame);
                if (decoded == Decoded.Frame) return true;
                if (decoded == Decoded.NotCan) { SkippedRecords++; continue; }
                if (!_options.SkipBad) throw InnerError(start);
                BadRecords++;
                continue;
            }
            if (step == Step.Corrupt)
            {
                if (!_options.SkipBad) throw InnerError(_dataStart);
                BadRecords++;
                _dataStart++;
                _resync = true;
                continue;
            }
            if (!LoadNextContainer()) Finish();
        }
        frame = default;
        return false;
    }

    /// <summary>The next whole inner object in <see cref="_data"/>, or why there is none yet.</summary>
    private Step TakeObject(out int start, out int size)
    {
        start = size = 0;
        var span = _data.AsSpan(_dataStart, _dataEnd - _dataStart);
        if (_resync)
        {
            int found = span.IndexOf("LOBJ"u8);
            if (found < 0)
            {
                _dataStart = Math.Max(_dataStart, _dataEnd - 3);
                return Step.NeedMore;
            }
            _dataStart += found;
            span = span[found..];
            _resync = false;
        }
        if (span.Length < 4) return Step.NeedMore;
        if (BinaryPrimitives.ReadUInt32LittleEndian(span) != ObjectSignature)
        {
            int padding = 0;
            while (padding < span.Length && padding < MaxPadding && span[padding] == 0) padding++;
            if (padding == span.Length || padding + 4 > span.Length) return Step.NeedMore;
            if (padding == 0 || BinaryPrimitives.ReadUInt32LittleEndian(span[padding..]) != ObjectSignature)
                return Problem("an object signature 'LOBJ'", Convert.ToHexString(span[..4]));
            _dataStart += padding;
            span = span[padding..];
        }
        if (span.Length < BaseHeaderSize) return Step.NeedMore;
        uint objectSize = BinaryPrimitives.ReadUInt32LittleEndian(span[8..]);
        if (objectSize < BaseHeaderSize || objectSize > MaxInnerObjectSize)
            return Problem($"an object size of {BaseHeaderSize}..{MaxInnerObjectSize} bytes", objectSize.ToString());
        if (objectSize > span.Length) return Step.NeedMore;
        start = _dataStart;
        size = (int)objectSize;
        _dataStart += size;
        return Step.Object;
    }

    private Step Problem(string expected, string found)
    {
        _expected = expected;
        _found = found;
        return Step.Corrupt;
    }

    private Decoded Decode(ReadOnlySpan<byte> obj, out CanFrame frame)
    {
        frame = default;
        var type = (BlfObjectType)BinaryPrimitives.ReadUInt32LittleEndian(obj[12..]);
        if (type is not (BlfObjectType.CanMessage or BlfObjectType.CanMessage2 or BlfObjectType.CanFdMessage
            or BlfObjectType.CanFdMessage64 or BlfObjectType.CanErrorExt))
            return Decoded.NotCan;

        int headerSize = BinaryPrimitives.ReadUInt16LittleEndian(obj[4..]);
        int version = BinaryPrimitives.ReadUInt16LittleEndian(obj[6..]);
        int minimum = version switch { 1 => HeaderV1Size, 2 => HeaderV2Size, _ => 0 };
        if (minimum == 0) return Bad("an object header version 1 or 2", version);
        if (headerSize < minimum || headerSize > obj.Length)
            return Bad($"an object header of {minimum} bytes within the object's {obj.Length}", headerSize);

        uint timeFlags = BinaryPrimitives.ReadUInt32LittleEndian(obj[16..]);
        ulong ticks = BinaryPrimitives.ReadUInt64LittleEndian(obj[24..]);
        long unit = (timeFlags & TimeOneNanos) == 0 && (timeFlags & TimeTenMicros) != 0 ? 10_000 : 1;
        if (ticks > (ulong)(long.MaxValue - Math.Max(_startNs, 0)) / (ulong)unit) return Bad("an object timestamp within range", ticks.ToString());
        long ns = _startNs + (long)ticks * unit;

        var body = obj[headerSize..];
        return type switch
        {
            BlfObjectType.CanMessage or BlfObjectType.CanMessage2 => DecodeCanMessage(body, ns, out frame),
            BlfObjectType.CanFdMessage => DecodeCanFdMessage(body, ns, out frame),
            BlfObjectType.CanFdMessage64 => DecodeCanFdMessage64(body, headerSize, ns, out frame),
            _ => DecodeErrorFrame(body, ns, out frame),
        };
    }

    /// <summary>CAN_MESSAGE / CAN_MESSAGE2: channel u16, flags u8 (direction, remote), DLC u8, id u32, 8 data bytes.</summary>
    private Decoded DecodeCanMessage(ReadOnlySpan<byte> body, long ns, out CanFrame frame)
    {
        frame = default;
        if (body.Length < CanMessageBody) return Bad($"a CAN message body of {CanMessageBody} bytes", body.Length);
        byte flags = body[2];
        int dlc = body[3];
        if (!TryDirection(flags & DirectionMask, out var kind)) return Decoded.NotCan;
        if (dlc > 15) return Bad("a DLC of 0..15", dlc);
        bool remote = (flags & RemoteFlag) != 0;
        if (remote) kind |= CanFlags.Remote;
        int length = remote ? 0 : Math.Min(dlc, CanFrame.MaxClassicLength);
        return Make(BinaryPrimitives.ReadUInt32LittleEndian(body[4..]), body.Slice(8, length), length, kind, ns,
            BinaryPrimitives.ReadUInt16LittleEndian(body), remote ? dlc : 0, out frame);
    }

    /// <summary>CAN_FD_MESSAGE: like CAN_MESSAGE, then frame length, bit count, FD flags (EDL, BRS, ESI),
    /// valid data bytes and up to 64 data bytes at offset 20.</summary>
    private Decoded DecodeCanFdMessage(ReadOnlySpan<byte> body, long ns, out CanFrame frame)
    {
        frame = default;
        if (body.Length < CanFdMessageDataOffset) return Bad($"a CAN FD message body of {CanFdMessageDataOffset}+ bytes", body.Length);
        byte flags = body[2];
        int dlc = body[3];
        byte fdFlags = body[13];
        int valid = body[14];
        if (!TryDirection(flags & DirectionMask, out var kind)) return Decoded.NotCan;
        if (dlc > 15) return Bad("a DLC of 0..15", dlc);
        bool remote = false;
        if ((fdFlags & FdEdl) != 0)
        {
            kind |= CanFlags.Fd;
            if ((fdFlags & FdBrs) != 0) kind |= CanFlags.Brs;
            if ((fdFlags & FdEsi) != 0) kind |= CanFlags.Esi;
        }
        else if ((flags & RemoteFlag) != 0)
        {
            kind |= CanFlags.Remote;
            remote = true;
        }
        int length = remote ? 0 : CanDlc.ToLength(dlc, (kind & CanFlags.Fd) != 0);
        var present = body[CanFdMessageDataOffset..];
        return Make(BinaryPrimitives.ReadUInt32LittleEndian(body[4..]), present[..Math.Min(Math.Min(valid, length), present.Length)], length, kind, ns,
            BinaryPrimitives.ReadUInt16LittleEndian(body), remote ? dlc : 0, out frame);
    }

    /// <summary>CAN_FD_MESSAGE_64: channel u8, DLC, valid data bytes, tx count, id, frame length, flags u32
    /// (remote, EDL, BRS, ESI), bit rates and timing, bit count, direction u8, ext data offset, CRC, then the data.</summary>
    private Decoded DecodeCanFdMessage64(ReadOnlySpan<byte> body, int headerSize, long ns, out CanFrame frame)
    {
        frame = default;
        if (body.Length < CanFd64Fixed) return Bad($"a CAN FD 64 message body of {CanFd64Fixed}+ bytes", body.Length);
        int dlc = body[1];
        int valid = body[2];
        uint flags = BinaryPrimitives.ReadUInt32LittleEndian(body[12..]);
        if (!TryDirection(body[34], out var kind)) return Decoded.NotCan;
        if (dlc > 15) return Bad("a DLC of 0..15", dlc);
        bool remote = false;
        if ((flags & Fd64Edl) != 0)
        {
            kind |= CanFlags.Fd;
            if ((flags & Fd64Brs) != 0) kind |= CanFlags.Brs;
            if ((flags & Fd64Esi) != 0) kind |= CanFlags.Esi;
        }
        else if ((flags & Fd64Remote) != 0)
        {
            kind |= CanFlags.Remote;
            remote = true;
        }
        int length = remote ? 0 : CanDlc.ToLength(dlc, (kind & CanFlags.Fd) != 0);
        // The data ends where extended frame data begins; loggers may count more valid bytes than they stored.
        int extDataOffset = body[35];
        int end = extDataOffset != 0 ? Math.Clamp(extDataOffset - headerSize, CanFd64Fixed, body.Length) : body.Length;
        var present = body[CanFd64Fixed..end];
        return Make(BinaryPrimitives.ReadUInt32LittleEndian(body[4..]), present[..Math.Min(Math.Min(valid, length), present.Length)], length, kind, ns,
            body[0], remote ? dlc : 0, out frame);
    }

    /// <summary>CAN_ERROR_EXT: channel u16, length, flags, ECC, position, DLC, frame length, id, extended flags, 8 data bytes.
    /// The id and data are kept as they are (python-can stores SocketCAN's error class and data there).</summary>
    private Decoded DecodeErrorFrame(ReadOnlySpan<byte> body, long ns, out CanFrame frame)
    {
        frame = default;
        if (body.Length < ErrorExtBody) return Bad($"a CAN error frame body of {ErrorExtBody} bytes", body.Length);
        int length = Math.Min(body[10] & 0x0F, CanFrame.MaxClassicLength);
        int direction = (BinaryPrimitives.ReadUInt16LittleEndian(body[20..]) >> ErrorExtDirectionShift) & 3;
        var kind = CanFlags.Error | direction switch
        {
            ErrorExtDirectionRx => CanFlags.Rx,
            ErrorExtDirectionTx => CanFlags.Tx,
            _ => CanFlags.None,
        };
        uint id = BinaryPrimitives.ReadUInt32LittleEndian(body[16..]) & CanFrame.MaxExtendedId;
        return Make(id, body.Slice(24, length), length, kind, ns, BinaryPrimitives.ReadUInt16LittleEndian(body), 0, out frame);
    }

    /// <summary>Direction nibble: 0 received, 1 transmitted; 2 is a transmit request, logged before the frame itself.</summary>
    private static bool TryDirection(int direction, out CanFlags kind)
    {
        kind = direction == 0 ? CanFlags.Rx : CanFlags.Tx;
        return direction != DirectionTxRequest;
    }

    /// <summary>A frame of <paramref name="length"/> data bytes from the <paramref name="present"/> ones, the rest zero
    /// (as CANoe shows objects that store fewer bytes than their DLC says).</summary>
    private Decoded Make(uint rawId, ReadOnlySpan<byte> present, int length, CanFlags kind, long ns, int channel, int remoteDlc, out CanFrame frame)
    {
        frame = default;
        uint id = rawId;
        if ((kind & CanFlags.Error) == 0)
        {
            if ((rawId & ExtendedIdFlag) != 0) kind |= CanFlags.Extended;
            id = rawId & CanFrame.MaxExtendedId;
        }
        if (channel < 1) return Bad("a channel number of 1 or more", channel);
        if (!CanFrame.TryValidate(id, length, kind, (byte)remoteDlc, out string problem))
            return Bad(problem, $"id {id:X} with {length} data bytes");
        if (present.Length < length) return MakePadded(id, present, length, kind, ns, channel, remoteDlc, out frame);
        frame = new CanFrame(id, present[..length], kind, ns, Channels.FromNumber(channel), (byte)remoteDlc);
        return Decoded.Frame;
    }

    private Decoded MakePadded(uint id, ReadOnlySpan<byte> present, int length, CanFlags kind, long ns, int channel, int remoteDlc, out CanFrame frame)
    {
        Span<byte> data = stackalloc byte[CanFrame.MaxFdLength];
        data.Clear();
        present.CopyTo(data);
        frame = new CanFrame(id, data[..length], kind, ns, Channels.FromNumber(channel), (byte)remoteDlc);
        return Decoded.Frame;
    }

    private Decoded Bad(string expected, long found) => Bad(expected, found.ToString());

    private Decoded Bad(string expected, string found)
    {
        _expected = expected;
        _found = found;
        return Decoded.Bad;
    }

    private void ReadFileHeader()
    {
        _headerRead = true;
        Span<byte> header = stackalloc byte[FileHeaderFields];
        int got = ReadFile(header);
        if (got < 4 || BinaryPrimitives.ReadUInt32LittleEndian(header) != FileSignature)
            throw OuterError(0, "a BLF file starting with 'LOGG'", got == 0 ? "an empty file" : Convert.ToHexString(header[..Math.Min(got, 4)]));
        if (got < FileHeaderFields) throw OuterError(0, $"a file header of {FileHeaderFields}+ bytes", $"a file of {got} bytes");
        uint headerSize = BinaryPrimitives.ReadUInt32LittleEndian(header[4..]);
        if (headerSize < FileHeaderFields || headerSize > MaxFileHeaderSize)
            throw OuterError(4, $"a file header size of {FileHeaderFields}..{MaxFileHeaderSize} bytes", headerSize.ToString());
        int rest = (int)headerSize - FileHeaderFields;
        EnsureCapacity(ref _container, rest, 0);
        if (ReadFile(_container.AsSpan(0, rest)) < rest) throw OuterError(0, $"a file header of {headerSize} bytes", "a shorter file");
        _startNs = BlfSystemTime.ToUnixNs(header[StartTimeOffset..], _timeZone);
    }

    /// <summary>Reads outer objects until one adds inner-object bytes to <see cref="_data"/>; false at the end of the file.</summary>
    private bool LoadNextContainer()
    {
        Span<byte> head = stackalloc byte[BaseHeaderSize];
        while (!_endOfFile)
        {
            if (!TryReadObjectHeader(head, out long offset)) return false;
            uint size = BinaryPrimitives.ReadUInt32LittleEndian(head[8..]);
            var type = (BlfObjectType)BinaryPrimitives.ReadUInt32LittleEndian(head[12..]);
            if (size < BaseHeaderSize || size > MaxContainerSize)
                throw OuterError(offset, $"an object size of {BaseHeaderSize}..{MaxContainerSize} bytes", size.ToString());
            if (type != BlfObjectType.LogContainer && size > MaxInnerObjectSize)
                throw OuterError(offset, $"an object outside containers of at most {MaxInnerObjectSize} bytes", size.ToString());
            int wanted = (int)size - BaseHeaderSize;
            // A size beyond the end of a file is corruption or truncation: do not allocate for bytes that are not there.
            int reading = _stream.CanSeek ? (int)Math.Clamp(_stream.Length - _stream.Position, 0, wanted) : wanted;
            EnsureCapacity(ref _container, BaseHeaderSize + reading, 0);
            head.CopyTo(_container);
            int got = ReadFile(_container.AsSpan(BaseHeaderSize, reading));
            bool truncated = got < wanted;
            if (truncated)
            {
                if (!_options.SkipBad)
                    throw OuterError(offset, $"an object of {size} bytes", $"the file ends {BaseHeaderSize + got} bytes into it");
                BadRecords++;
                _cutShortCounted = true;
                _endOfFile = true;
            }
            int length = BaseHeaderSize + got;
            if (type == BlfObjectType.LogContainer)
            {
                if (Unpack(offset, length, truncated)) return true;
                continue;
            }
            if (truncated) return false;
            // An object outside any container (some loggers write metadata first): read it as if one held it.
            int at = Compact(length);
            _container.AsSpan(0, length).CopyTo(_data.AsSpan(at));
            Appended(offset, at, length);
            return true;
        }
        return false;
    }

    /// <summary>Appends a container's data to <see cref="_data"/>; false when it was skipped as bad.</summary>
    private bool Unpack(long offset, int length, bool truncated)
    {
        if (length < ContainerHeaderSize)
        {
            if (truncated) return false;
            throw OuterError(offset, $"a log container of {ContainerHeaderSize}+ bytes", length.ToString());
        }
        ushort method = BinaryPrimitives.ReadUInt16LittleEndian(_container.AsSpan(16));
        uint declared = BinaryPrimitives.ReadUInt32LittleEndian(_container.AsSpan(24));
        int stored = length - ContainerHeaderSize;
        if (method == CompressionNone)
        {
            int at = Compact(stored);
            _container.AsSpan(ContainerHeaderSize, stored).CopyTo(_data.AsSpan(at));
            Appended(offset, at, stored);
            return true;
        }
        string? problem = null;
        if (method != CompressionZlib) problem = $"compression method {method}";
        else if (declared > MaxContainerSize) problem = $"an unpacked size of {declared} bytes";
        if (problem is null)
        {
            int at = Compact((int)declared);
            int n = Inflate(stored, _data.AsSpan(at, (int)declared), out bool corrupt);
            if (n == declared || truncated)
            {
                Appended(offset, at, n);
                return true;
            }
            problem = corrupt ? "corrupt zlib data" : $"zlib data that unpacks to {n} bytes";
        }
        if (!_options.SkipBad)
            throw OuterError(offset, $"a log container of zlib (2) or stored (0) data that unpacks to the {declared} bytes it declares", problem);
        // The container is lost; what began before it cannot be finished, so look for the next object after it.
        BadRecords++;
        _dataStart = _dataEnd;
        _resync = true;
        return false;
    }

    private int Inflate(int stored, Span<byte> destination, out bool corrupt)
    {
        corrupt = false;
        _zlibInput.Reset(_container, ContainerHeaderSize, stored);
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

    /// <summary>Moves the unread bytes to the front of <see cref="_data"/> and makes room for <paramref name="more"/>;
    /// returns where the new bytes go.</summary>
    private int Compact(int more)
    {
        int live = _dataEnd - _dataStart;
        if (live > 0) (_earlierOffset, _earlierBase) = Locate(_dataStart);
        if (_data.Length < live + more)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(live + more);
            _data.AsSpan(_dataStart, live).CopyTo(bigger);
            if (_data.Length > 0) ArrayPool<byte>.Shared.Return(_data);
            _data = bigger;
        }
        else if (_dataStart > 0)
        {
            _data.AsSpan(_dataStart, live).CopyTo(_data);
        }
        _dataStart = 0;
        _dataEnd = live;
        return live;
    }

    private void Appended(long containerOffset, int at, int count)
    {
        _latestOffset = containerOffset;
        _latestStart = at;
        _dataEnd = at + count;
    }

    private (long ContainerOffset, long DataOffset) Locate(int index) =>
        index >= _latestStart ? (_latestOffset, index - _latestStart) : (_earlierOffset, _earlierBase + index);

    /// <summary>At the end of the file only padding may be left over; anything else is an object cut short.</summary>
    private void Finish()
    {
        _finished = true;
        var rest = _data.AsSpan(_dataStart, _dataEnd - _dataStart);
        if (_resync || rest.IndexOfAnyExcept((byte)0) < 0) return;
        if (_options.SkipBad)
        {
            if (!_cutShortCounted) BadRecords++;
            return;
        }
        _expected = "the rest of an object that the file ends inside";
        _found = rest.Length + " bytes of it";
        throw InnerError(_dataStart);
    }

    /// <summary>The next outer object header, after the padding that may follow the previous object; false at the end.</summary>
    private bool TryReadObjectHeader(Span<byte> head, out long offset)
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
        if (zeros > 0)
        {
            head[zeros..got].CopyTo(head);
            got -= zeros;
            offset += zeros;
            got += ReadFile(head[got..]);
        }
        if (got < 4 || BinaryPrimitives.ReadUInt32LittleEndian(head) != ObjectSignature)
            throw OuterError(offset, "an object signature 'LOBJ'", Convert.ToHexString(head[..Math.Min(got, 4)]));
        if (got < head.Length)
        {
            _endOfFile = true;
            if (_options.SkipBad)
            {
                BadRecords++;
                _cutShortCounted = true;
                return false;
            }
            throw OuterError(offset, $"an object header of {BaseHeaderSize} bytes", $"the file ends {got} bytes into it");
        }
        return true;
    }

    private int ReadFile(Span<byte> buffer)
    {
        int n = _stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        _fileOffset += n;
        return n;
    }

    private static void EnsureCapacity(ref byte[] buffer, int size, int keep)
    {
        if (buffer.Length >= size) return;
        var bigger = ArrayPool<byte>.Shared.Rent(size);
        buffer.AsSpan(0, keep).CopyTo(bigger);
        if (buffer.Length > 0) ArrayPool<byte>.Shared.Return(buffer);
        buffer = bigger;
    }

    private CanLogFormatException InnerError(int index)
    {
        var (containerOffset, dataOffset) = Locate(index);
        return new CanLogFormatException(_name, containerOffset,
            $"{_expected} (byte {dataOffset} of the data in the log container here)", _found, isByteOffset: true);
    }

    private CanLogFormatException OuterError(long offset, string expected, string found) =>
        new(_name, offset, expected, found, isByteOffset: true);

    public void Dispose()
    {
        _stream.Dispose();
        if (_data.Length > 0) ArrayPool<byte>.Shared.Return(_data);
        if (_container.Length > 0) ArrayPool<byte>.Shared.Return(_container);
        _data = [];
        _container = [];
        _dataStart = _dataEnd = 0;
    }

    private enum Step { Object, NeedMore, Corrupt }

    private enum Decoded { Frame, NotCan, Bad }
}
