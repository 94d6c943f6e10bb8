using System.Buffers.Binary;
using System.Runtime.ExceptionServices;
using static EdgeAI.Can.Logs.Blf.BlfLayout;

namespace EdgeAI.Can.Logs.Blf;

/// <summary>
/// Reads Vector BLF (binary logging format) files in constant memory: the file header, then
/// LOG_CONTAINER objects whose zlib-compressed (or stored) data holds the inner objects, which may be
/// split across containers. CAN_MESSAGE, CAN_MESSAGE2, CAN_FD_MESSAGE, CAN_FD_MESSAGE_64 and
/// CAN_ERROR_EXT objects become frames; every other object (LIN, Ethernet, text, markers, Tx requests)
/// is skipped and counted. A frame's time is the header's start time (local time in
/// <see cref="CanLogReadOptions.TimeZone"/>) plus the object's offset (10 µs or 1 ns units);
/// its channel is the object's 1-based channel number - 1. From the second container on, containers
/// are unpacked on a worker while frames are parsed from the current one (<see cref="BlfReadAhead"/>);
/// errors are still thrown by <see cref="TryRead"/>, after every frame before them.
/// </summary>
public sealed class BlfLogReader : ICanLogReader
{
    private readonly string _name;
    private readonly CanLogReadOptions _options;
    private readonly TimeZoneInfo _timeZone;
    private readonly BlfContainerReader _source;
    private readonly BlfReadAhead _readAhead;

    private byte[] _data = [];        // inner objects: a chunk's buffer, or _joined when a split object outgrew its headroom
    private byte[] _joined = [];
    private int _dataStart;
    private int _dataEnd;

    // Where _data's bytes came from, so errors can name a file offset: the latest container's data starts
    // at _latestStart; bytes from _earlierStart up to it began in the container at _earlierOffset, byte _earlierBase.
    private int _latestStart;
    private long _latestOffset;
    private int _earlierStart;
    private long _earlierOffset;
    private long _earlierBase;

    private bool _headerRead;
    private bool _finished;
    private bool _resync;
    private ExceptionDispatchInfo? _failure;
    private long _startNs;
    private ulong _maxNanoTicks;
    private ulong _maxTenMicroTicks;
    private long _position;
    private string _expected = "";
    private string _found = "";

    /// <summary>Reads BLF from <paramref name="stream"/> (which it disposes); <paramref name="name"/> appears in errors.</summary>
    public BlfLogReader(Stream stream, string name, CanLogReadOptions options)
        : this(stream, name, options, readAhead: true)
    {
    }

    /// <summary>As the public constructor; <paramref name="readAhead"/> false unpacks every container on the reading
    /// thread (tests and measurements compare both ways).</summary>
    internal BlfLogReader(Stream stream, string name, CanLogReadOptions options, bool readAhead)
    {
        _name = name;
        _options = options;
        _timeZone = options.TimeZone ?? TimeZoneInfo.Local;
        _source = new BlfContainerReader(stream, name, options.SkipBad, options.Strict);
        _readAhead = new BlfReadAhead(_source, readAhead);
    }

    /// <inheritdoc/>
    public CanChannelTable Channels { get; } = new();
    /// <inheritdoc/>
    public long SkippedRecords { get; private set; }
    /// <inheritdoc/>
    public long BadRecords { get; private set; }
    /// <inheritdoc/>
    public long Position => _position;
    /// <inheritdoc/>
    public IReadOnlyList<string> Warnings => _warnings;
    /// <inheritdoc/>
    public IReadOnlyDictionary<string, long> SkippedKinds => _skippedKinds;

    private readonly List<string> _warnings = [];
    private readonly Dictionary<string, long> _skippedKinds = new(StringComparer.Ordinal);
    private readonly Dictionary<uint, string> _typeNames = [];
    private long _objects;
    private long _cutAt = -1;

    /// <inheritdoc/>
    public bool TryRead(out CanFrame frame)
    {
        if (!_headerRead) ReadFileHeader();
        while (!_finished)
        {
            var step = TakeObject(out int start, out int size);
            if (step == Step.Object)
            {
                _objects++;
                var decoded = Decode(_data.AsSpan(start, size), out frame);
                if (decoded == Decoded.Frame) return true;
                if (decoded == Decoded.NotCan) { Skip(_data.AsSpan(start, size)); continue; }
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
            while (padding < span.Length && padding < BlfContainerReader.MaxPadding && span[padding] == 0) padding++;
            if (padding == span.Length || padding + 4 > span.Length) return Step.NeedMore;
            if (padding == 0 || BinaryPrimitives.ReadUInt32LittleEndian(span[padding..]) != ObjectSignature)
            {
                // objectSize % 4 padding bytes need not be zero (GLOBAL_MARKER objects): look just past them.
                if (span.Length < 4 + PaddingMax) return Step.NeedMore;
                padding = span[..(4 + PaddingMax)].IndexOf("LOBJ"u8);
                if (padding <= 0) return Problem("an object signature 'LOBJ'", Convert.ToHexString(span[..4]));
            }
            _dataStart += padding;
            span = span[padding..];
        }
        if (span.Length < BaseHeaderSize) return Step.NeedMore;
        uint objectSize = BinaryPrimitives.ReadUInt32LittleEndian(span[8..]);
        if (objectSize < BaseHeaderSize || objectSize > BlfContainerReader.MaxInnerObjectSize)
            return Problem($"an object size of {BaseHeaderSize}..{BlfContainerReader.MaxInnerObjectSize} bytes", objectSize.ToString());
        if (objectSize > span.Length) return Step.NeedMore;
        start = _dataStart;
        size = (int)objectSize;
        _dataStart += size;
        return Step.Object;
    }

    /// <summary>Most padding bytes after an object: objectSize % 4.</summary>
    private const int PaddingMax = 3;

    /// <summary>Counts a skipped object by its type (a transmit request by its CAN type): names are constants, or made once per type.</summary>
    private void Skip(ReadOnlySpan<byte> obj)
    {
        SkippedRecords++;
        uint type = BinaryPrimitives.ReadUInt32LittleEndian(obj[12..]);
        string name = type switch
        {
            (uint)BlfObjectType.CanMessage => "CAN_MESSAGE transmit requests",
            (uint)BlfObjectType.CanMessage2 => "CAN_MESSAGE2 transmit requests",
            (uint)BlfObjectType.CanFdMessage => "CAN_FD_MESSAGE transmit requests",
            (uint)BlfObjectType.CanFdMessage64 => "CAN_FD_MESSAGE_64 transmit requests",
            _ => TypeName(type),
        };
        ref long count = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_skippedKinds, name, out _);
        count++;
    }

    private string TypeName(uint type)
    {
        if (_typeNames.TryGetValue(type, out var name)) return name;
        name = type switch
        {
            2 => "CAN_ERROR objects (2)",
            3 => "CAN_OVERLOAD objects (3)",
            4 => "CAN_STATISTIC objects (4)",
            10 => "LOG_CONTAINER objects (10)",
            11 => "LIN_MESSAGE objects (11)",
            65 => "APP_TEXT objects (65)",
            71 => "ETHERNET_FRAME objects (71)",
            96 => "GLOBAL_MARKER objects (96)",
            _ => $"objects of type {type}",
        };
        _typeNames[type] = name;
        return name;
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
        bool tenMicros = (timeFlags & TimeOneNanos) == 0 && (timeFlags & TimeTenMicros) != 0;
        long unit = tenMicros ? 10_000 : 1;
        if (ticks > (tenMicros ? _maxTenMicroTicks : _maxNanoTicks)) return Bad("an object timestamp within range", ticks.ToString());
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
        bool dlcFromValid = dlc > 15; // some writers store the length here: the valid data length says it then
        if (dlcFromValid && !CanDlc.IsValidFdLength(valid)) return Bad("a DLC of 0..15 (or a CAN FD length in the valid data length)", dlc);
        if (dlcFromValid) dlc = CanDlc.FromLength(valid);
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
        frame = new CanFrame(id, present[..length], kind, ns, Channels.FromNumber(channel), (byte)remoteDlc, validated: true);
        return Decoded.Frame;
    }

    private Decoded MakePadded(uint id, ReadOnlySpan<byte> present, int length, CanFlags kind, long ns, int channel, int remoteDlc, out CanFrame frame)
    {
        Span<byte> data = stackalloc byte[CanFrame.MaxFdLength];
        data.Clear();
        present.CopyTo(data);
        frame = new CanFrame(id, data[..length], kind, ns, Channels.FromNumber(channel), (byte)remoteDlc, validated: true);
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
        _startNs = _source.ReadFileHeader(_timeZone);
        // The largest offsets that keep start + offset within a long, worked out once instead of dividing per object.
        _maxNanoTicks = (ulong)(long.MaxValue - Math.Max(_startNs, 0));
        _maxTenMicroTicks = _maxNanoTicks / 10_000;
        _position = _source.FileOffset;
    }

    /// <summary>Takes chunks until one adds inner-object bytes to <see cref="_data"/>; false at the end of the file.
    /// A chunk's error is thrown here, after every frame before it (and again on later calls).</summary>
    private bool LoadNextContainer()
    {
        _failure?.Throw();
        while (true)
        {
            var chunk = _readAhead.Take();
            _position = chunk.FileOffset;
            BadRecords += chunk.BadRecords;
            if (chunk.CutShort) _cutAt = chunk.CutAt;
            switch (chunk.Kind)
            {
                case BlfChunkKind.Data:
                    Append(chunk);
                    return true;
                case BlfChunkKind.Lost:
                    // The container is lost; what began before it cannot be finished, so look for the next object after it.
                    _readAhead.Release(keepNewest: 0);
                    _data = [];
                    _dataStart = _dataEnd = 0;
                    _resync = true;
                    continue;
                case BlfChunkKind.Failed:
                    _failure = chunk.Error;
                    _failure!.Throw();
                    return false;
                default:
                    return false; // the end: the unread bytes stay in their chunk for Finish to look at
            }
        }
    }

    /// <summary>Makes the chunk's data follow the unread bytes: they go into its headroom (no copy of the new data),
    /// or, for a split object bigger than that, both go into <see cref="_joined"/>.</summary>
    private void Append(BlfChunk chunk)
    {
        int live = _dataEnd - _dataStart;
        if (live > 0) (_earlierOffset, _earlierBase) = Locate(_dataStart);
        if (live <= BlfChunk.Headroom)
        {
            int start = BlfChunk.Headroom - live;
            _data.AsSpan(_dataStart, live).CopyTo(chunk.Buffer.AsSpan(start));
            _readAhead.Release(keepNewest: 1);
            _data = chunk.Buffer;
            _dataStart = start;
        }
        else
        {
            if (_data == _joined)
            {
                _joined.AsSpan(_dataStart, live).CopyTo(_joined);
                PooledBytes.Grow(ref _joined, live + chunk.Count, live);
            }
            else
            {
                PooledBytes.Grow(ref _joined, live + chunk.Count, 0);
                _data.AsSpan(_dataStart, live).CopyTo(_joined);
            }
            chunk.Data.CopyTo(_joined.AsSpan(live));
            _readAhead.Release(keepNewest: 0);
            _data = _joined;
            _dataStart = 0;
        }
        _earlierStart = _dataStart;
        _latestStart = _dataStart + live;
        _latestOffset = chunk.ContainerOffset;
        _dataEnd = _latestStart + chunk.Count;
    }

    private (long ContainerOffset, long DataOffset) Locate(int index) =>
        index >= _latestStart ? (_latestOffset, index - _latestStart) : (_earlierOffset, _earlierBase + index - _earlierStart);

    /// <summary>At the end of the file only padding may be left over; anything else is an object cut short.</summary>
    private void Finish()
    {
        _finished = true;
        if (_cutAt >= 0)
        {
            _warnings.Add($"{_name}@{_cutAt}: the file ends inside an object (the file may be cut; the {_objects} objects before were read)");
            return;
        }
        var rest = _data.AsSpan(_dataStart, _dataEnd - _dataStart);
        if (!_resync && rest.IndexOfAnyExcept((byte)0) >= 0)
        {
            // The last container ends inside an object that would continue in the next one: cut at a container boundary.
            if (_options.SkipBad) BadRecords++;
            else if (_options.Strict)
            {
                _expected = "the rest of an object that the file ends inside (the file is cut; drop --strict to read the frames before)";
                _found = rest.Length + " bytes of it";
                throw InnerError(_dataStart);
            }
            _warnings.Add($"{_name}@{_position}: the file ends inside an object split across containers (the file may be cut)");
            return;
        }
        uint declared = _source.ObjectCount;
        if (declared == 0 || _objects >= declared) return;
        string message = $"the file header counts {declared} objects, the file holds {_objects} (the file may be cut after a container)";
        if (_options.Strict)
            throw new CanLogFormatException(_name, _position, $"{declared} objects as the file header counts (the file is cut; drop --strict to read the frames before)",
                $"{_objects} objects", isByteOffset: true);
        _warnings.Add($"{_name}@{_position}: {message}");
    }

    private CanLogFormatException InnerError(int index)
    {
        var (containerOffset, dataOffset) = Locate(index);
        return new CanLogFormatException(_name, containerOffset,
            $"{_expected} (byte {dataOffset} of the data in the log container here)", _found, isByteOffset: true);
    }

    /// <summary>Stops the read-ahead worker before the stream goes, then returns every buffer.</summary>
    public void Dispose()
    {
        _readAhead.Dispose();
        _source.Dispose();
        PooledBytes.Return(ref _joined);
        _data = [];
        _dataStart = _dataEnd = 0;
    }

    private enum Step { Object, NeedMore, Corrupt }

    private enum Decoded { Frame, NotCan, Bad }
}
