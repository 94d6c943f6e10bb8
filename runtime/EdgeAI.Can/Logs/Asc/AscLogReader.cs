using System.Text;
using EdgeAI.Can.Text;

namespace EdgeAI.Can.Logs.Asc;

/// <summary>
/// Reads Vector ASC logs: classic CAN lines (<c>0.012345 1 123 Rx d 8 11 22 ...</c>, <c>x</c> after extended ids),
/// remote frames (<c>r</c>, optional DLC), <c>CANFD</c> lines (optional symbolic name, BRS, ESI, DLC, data length,
/// data and the trailing duration/bit count/flags/CRC fields; their flags mark classic frames logged on CAN FD
/// channels), error frames (<c>1 ErrorFrame</c> and CAN FD error lines), <c>base hex|dec</c> and
/// <c>timestamps absolute|relative</c>. Times are the header date (local time in
/// <see cref="CanLogReadOptions.TimeZone"/>; a <c>Begin Triggerblock</c> date replaces it, as python-can reads it)
/// plus each line's offset; without a date they count from 0. Everything else (statistics, status, LIN, comments,
/// system variables, J1939, trigger blocks, <c>TxRq</c>) is skipped and counted.
/// </summary>
public sealed class AscLogReader : TextLogReader
{
    /// <summary>Error class given to ASC error frames, which carry no SocketCAN details: CAN_ERR_BUSERROR, as can-utils' asc2log does.</summary>
    public const uint ErrorFrameClass = 0x80;

    private const uint FlagRemote = 0x10;      // ASC CANFD flags: remote frame (classic)
    private const uint FlagFdFormat = 0x1000;  // EDL: CAN FD frame
    private const uint FlagBrs = 0x2000;
    private const uint FlagEsi = 0x4000;

    private readonly TimeZoneInfo _zone;
    private bool _decimal;
    private bool _relative;
    private long _startNs;
    private long _relativeNs;

    /// <summary>Reads Vector ASC frames from <paramref name="stream"/>, named <paramref name="name"/> in errors.</summary>
    public AscLogReader(Stream stream, string name, CanLogReadOptions options)
        : base(stream, name, options)
    {
        _zone = options.TimeZone ?? TimeZoneInfo.Local;
    }


    private protected override TextRecord ParseLine(ReadOnlySpan<byte> line, out CanFrame frame, out string expected)
    {
        if (Utf8Decimal.IsDigit(line[0])) return ParseEvent(line, out frame, out expected);
        if (LooksLikeTime(line))
        {
            // "-0.5 1 123 Rx d ..." or "nan 1 123 ...": an event line with a time no logger writes, not a comment.
            frame = default;
            expected = "a time in seconds (0 or more) at the start of the line";
            return TextRecord.Bad;
        }
        return ParseHeader(line, out frame, out expected);
    }

    /// <summary>A first field such as <c>-1.5</c>, <c>+2</c>, <c>.5</c>, <c>nan</c> or <c>inf</c>.</summary>
    private static bool LooksLikeTime(ReadOnlySpan<byte> line)
    {
        var first = new Utf8Fields(line).Next();
        if (first[0] is (byte)'-' or (byte)'+' or (byte)'.') return first.Length > 1 && (Utf8Decimal.IsDigit(first[1]) || first[1] is (byte)'.' or (byte)'n' or (byte)'N' or (byte)'i' or (byte)'I');
        return Ascii.EqualsIgnoreCase(first, "nan"u8) || Ascii.EqualsIgnoreCase(first, "inf"u8) || Ascii.EqualsIgnoreCase(first, "infinity"u8);
    }

    private TextRecord ParseHeader(ReadOnlySpan<byte> line, out CanFrame frame, out string expected)
    {
        frame = default;
        expected = "";
        var fields = new Utf8Fields(line);
        var keyword = fields.Next();
        if (Ascii.EqualsIgnoreCase(keyword, "date"u8))
        {
            if (AscDate.TryParse(fields.Rest, _zone, out _startNs)) return TextRecord.Header;
            expected = "a date like 'date Mon Jun 01 02:03:04.123 pm 2024' or 'date Mi Mai 15 10:20:30.456 2024'";
            return TextRecord.Bad;
        }
        if (Ascii.EqualsIgnoreCase(keyword, "base"u8))
        {
            var numbers = fields.Next();
            if (Ascii.EqualsIgnoreCase(numbers, "hex"u8)) _decimal = false;
            else if (Ascii.EqualsIgnoreCase(numbers, "dec"u8)) _decimal = true;
            else { expected = "'base hex' or 'base dec'"; return TextRecord.Bad; }
            if (fields.IsEmpty) return TextRecord.Header;
            var times = fields.Next();
            var mode = fields.Next();
            if (Ascii.EqualsIgnoreCase(times, "timestamps"u8) && Ascii.EqualsIgnoreCase(mode, "absolute"u8)) _relative = false;
            else if (Ascii.EqualsIgnoreCase(times, "timestamps"u8) && Ascii.EqualsIgnoreCase(mode, "relative"u8)) _relative = true;
            else { expected = "'timestamps absolute' or 'timestamps relative' after the base"; return TextRecord.Bad; }
            return TextRecord.Header;
        }
        if (Ascii.EqualsIgnoreCase(keyword, "internal"u8) || Ascii.EqualsIgnoreCase(keyword, "no"u8)) return TextRecord.Header;
        if (Ascii.EqualsIgnoreCase(keyword, "begin"u8) && Ascii.EqualsIgnoreCase(fields.Next(), "triggerblock"u8) && !fields.IsEmpty)
        {
            // python-can writes the first frame's time here (and the file's creation time in 'date'): this one counts.
            if (!AscDate.TryParse(fields.Rest, _zone, out _startNs))
            {
                expected = "a date after 'Begin Triggerblock', like 'Mon Jun 01 02:03:04.123 pm 2024'";
                return TextRecord.Bad;
            }
        }
        return TextRecord.NotCan;
    }

    private TextRecord ParseEvent(ReadOnlySpan<byte> line, out CanFrame frame, out string expected)
    {
        frame = default;
        expected = "";
        var fields = new Utf8Fields(line);
        if (!DecimalSeconds.TryParse(fields.Next(), out long offset))
        {
            expected = "a time in seconds at the start of the line";
            return TextRecord.Bad;
        }
        long ns;
        if (_relative) ns = _startNs + (_relativeNs += offset); // each event counts from the one before
        else ns = _startNs + offset;

        var kind = fields.Next();
        if (kind.SequenceEqual("CANFD"u8)) return ParseFd(ref fields, ns, out frame, out expected);
        if (!Utf8Decimal.IsDigits(kind)) return TextRecord.NotCan; // "Start of measurement", "CAN 1 Status:", "SV:", "L1", ...
        if (!TryChannel(kind, out ushort channel, out expected)) return TextRecord.Bad;

        var idText = fields.Next();
        if (idText.SequenceEqual("ErrorFrame"u8)) return ErrorFrame(CanFlags.None, channel, ns, out frame);
        var directionText = fields.Next();
        var direction = Direction(directionText, out bool isFrame);
        if (!isFrame)
        {
            if (directionText.SequenceEqual("TxRq"u8) || !TryParseId(idText, out _, out _)) return TextRecord.NotCan; // statistics, J1939TP, TxRq, ...
            expected = "'Rx' or 'Tx' after the id"; // "1 123 x Rx d ...": a frame line with a field too many or too few
            return TextRecord.Bad;
        }
        if (!TryParseId(idText, out uint id, out CanFlags flags))
        {
            expected = _decimal ? "a decimal id ('x' after 29-bit ids)" : "a hex id ('x' after 29-bit ids)";
            return TextRecord.Bad;
        }
        flags |= direction;

        var type = fields.Next();
        Span<byte> data = stackalloc byte[CanFrame.MaxClassicLength];
        if (type.SequenceEqual("r"u8) || type.SequenceEqual("R"u8))
        {
            int remoteDlc = 0;
            if (TryParseDlc(fields.Next(), out int dlc)) remoteDlc = dlc; // optional since CANoe 8.5
            return Make(id, flags | CanFlags.Remote, default, (byte)remoteDlc, channel, ns, out frame, out expected);
        }
        if (!type.SequenceEqual("d"u8) && !type.SequenceEqual("D"u8))
        {
            expected = "'d' (data) or 'r' (remote) after the direction";
            return TextRecord.Bad;
        }
        var dlcText = fields.Next();
        if (TryFdAsClassicLine(dlcText, fields, out int fdLength))
        {
            // Older python-can wrote CAN FD data as "d <length> <bytes>": more than 8 bytes, as many as the field says.
            Span<byte> fdData = stackalloc byte[CanFrame.MaxFdLength];
            if (!TryParseData(ref fields, fdData[..fdLength]))
            {
                expected = $"{fdLength} data bytes";
                return TextRecord.Bad;
            }
            return Make(id, flags | CanFlags.Fd, fdData[..fdLength], 0, channel, ns, out frame, out expected);
        }
        if (!TryParseDlc(dlcText, out int classicDlc))
        {
            expected = "a DLC (0-F) after 'd'";
            return TextRecord.Bad;
        }
        int length = Math.Min(classicDlc, CanFrame.MaxClassicLength); // DLC 9..15 still carries 8 bytes
        if (!TryParseData(ref fields, data[..length]))
        {
            expected = $"{length} data bytes for DLC {classicDlc}";
            return TextRecord.Bad;
        }
        if (TryParseByte(fields.Next(), out _)) // trailing "Length = ...", "BitCount = ...", "TE" are fine
        {
            expected = $"{length} data bytes for DLC {classicDlc}, not more";
            return TextRecord.Bad;
        }
        // 8 bytes sent with DLC 9..15 keep that DLC (CanFrame.Dlc), as SocketCAN's len8_dlc.
        return Make(id, flags, data[..length], (byte)classicDlc, channel, ns, out frame, out expected);
    }

    /// <summary>A DLC field whose value is a CAN FD length above 8 and is followed by exactly that many data bytes.</summary>
    private bool TryFdAsClassicLine(ReadOnlySpan<byte> dlcText, Utf8Fields fields, out int length)
    {
        length = 0;
        if (dlcText.Length > 2) return false;
        uint value;
        if (_decimal) { if (!Utf8Decimal.TryParse(dlcText, out value)) return false; }
        else if (!Utf8Hex.TryParseUInt32(dlcText, out value)) return false;
        if (value <= CanFrame.MaxClassicLength || value > CanFrame.MaxFdLength || CanDlc.ToLength(CanDlc.FromLength((int)value), fd: true) != (int)value)
            return false;
        int count = 0;
        while (count <= value && TryParseByte(fields.Next(), out _)) count++;
        if (count != value) return false;
        length = (int)value;
        return true;
    }

    private TextRecord ParseFd(ref Utf8Fields fields, long ns, out CanFrame frame, out string expected)
    {
        frame = default;
        if (!TryChannel(fields.Next(), out ushort channel, out expected)) return TextRecord.Bad;
        var direction = Direction(fields.Next(), out bool isFrame);
        if (!isFrame) return TextRecord.NotCan; // TxRq
        var idText = fields.Next();
        if (idText.SequenceEqual("ErrorFrame"u8)) return ErrorFrame(direction, channel, ns, out frame);
        if (!TryParseId(idText, out uint id, out CanFlags flags))
        {
            expected = "a CAN FD id ('x' after 29-bit ids)";
            return TextRecord.Bad;
        }
        flags |= direction;
        var brs = fields.Next();
        if (!IsBit(brs)) brs = fields.Next(); // the field was a symbolic name
        var esi = fields.Next();
        if (!IsBit(brs) || !IsBit(esi))
        {
            expected = "BRS and ESI (0 or 1) after the CAN FD id";
            return TextRecord.Bad;
        }
        if (!TryParseDlc(fields.Next(), out int dlc) || !Utf8Decimal.TryParse(fields.Next(), out int length) || length > CanFrame.MaxFdLength)
        {
            expected = "a DLC (0-F) and a data length (0-64) after BRS and ESI";
            return TextRecord.Bad;
        }
        Span<byte> data = stackalloc byte[CanFrame.MaxFdLength];
        if (!TryParseData(ref fields, data[..length]))
        {
            expected = $"{length} data bytes";
            return TextRecord.Bad;
        }
        fields.Next(); // message duration
        fields.Next(); // bit count
        bool classicFits = dlc <= CanFrame.MaxClassicLength && length <= CanFrame.MaxClassicLength;
        if (Utf8Hex.TryParseUInt32(fields.Next(), out uint ascFlags) && (ascFlags & FlagFdFormat) == 0 && classicFits)
        {
            // A classic frame logged on a CAN FD channel.
            if ((ascFlags & FlagRemote) != 0)
                return Make(id, flags | CanFlags.Remote, default, (byte)dlc, channel, ns, out frame, out expected);
            return Make(id, flags, data[..length], 0, channel, ns, out frame, out expected);
        }
        flags |= CanFlags.Fd;
        if (brs[0] == (byte)'1') flags |= CanFlags.Brs;
        if (esi[0] == (byte)'1') flags |= CanFlags.Esi;
        return Make(id, flags, data[..length], 0, channel, ns, out frame, out expected);
    }

    private TextRecord ErrorFrame(CanFlags direction, ushort channel, long ns, out CanFrame frame)
    {
        Span<byte> zeros = stackalloc byte[CanFrame.MaxClassicLength];
        zeros.Clear();
        frame = new CanFrame(ErrorFrameClass, zeros, CanFlags.Error | direction, ns, channel);
        return TextRecord.Frame;
    }

    private static TextRecord Make(uint id, CanFlags flags, ReadOnlySpan<byte> data, byte remoteDlc, ushort channel, long ns,
        out CanFrame frame, out string expected)
    {
        if (!CanFrame.TryValidate(id, data.Length, flags, remoteDlc, out expected))
        {
            frame = default;
            return TextRecord.Bad;
        }
        frame = new CanFrame(id, data, flags, ns, channel, remoteDlc);
        return TextRecord.Frame;
    }

    private bool TryChannel(ReadOnlySpan<byte> text, out ushort channel, out string expected)
    {
        expected = "";
        channel = 0;
        if (!Utf8Decimal.TryParse(text, out int number) || number < 1 || number > ushort.MaxValue)
        {
            expected = "a channel number 1-65535";
            return false;
        }
        channel = Channels.FromNumber(number);
        return true;
    }

    private static CanFlags Direction(ReadOnlySpan<byte> text, out bool isFrame)
    {
        isFrame = true;
        if (text.SequenceEqual("Rx"u8)) return CanFlags.Rx;
        if (text.SequenceEqual("Tx"u8)) return CanFlags.Tx;
        isFrame = false; // TxRq (a transmit request, not a frame on the bus) or not a frame line at all
        return CanFlags.None;
    }

    private bool TryParseId(ReadOnlySpan<byte> text, out uint id, out CanFlags flags)
    {
        flags = CanFlags.None;
        if (text.Length > 1 && (text[^1] | 0x20) == 'x')
        {
            flags = CanFlags.Extended;
            text = text[..^1];
        }
        return _decimal ? Utf8Decimal.TryParse(text, out id) : Utf8Hex.TryParseUInt32(text, out id);
    }

    private bool TryParseDlc(ReadOnlySpan<byte> text, out int dlc)
    {
        dlc = 0;
        if (text.IsEmpty || text.Length > 2) return false;
        bool ok;
        if (_decimal) ok = Utf8Decimal.TryParse(text, out dlc);
        else
        {
            ok = Utf8Hex.TryParseUInt32(text, out uint value);
            dlc = (int)value;
        }
        return ok && dlc <= 15;
    }

    /// <summary>Exactly <c>data.Length</c> data bytes from the fields, in the file's base.</summary>
    private bool TryParseData(ref Utf8Fields fields, scoped Span<byte> data)
    {
        if (!_decimal)
        {
            var rest = fields.Rest;
            if (!Utf8Hex.TryParseSpacedBytes(rest, data, out int consumed)) return false;
            fields = new Utf8Fields(rest[consumed..]);
            return true;
        }
        for (int i = 0; i < data.Length; i++)
            if (!TryParseByte(fields.Next(), out data[i])) return false;
        return true;
    }

    private bool TryParseByte(ReadOnlySpan<byte> text, out byte value)
    {
        value = 0;
        if (_decimal)
        {
            if (text.Length > 3 || !Utf8Decimal.TryParse(text, out int number) || number > 255) return false;
            value = (byte)number;
            return true;
        }
        if (text.Length > 2 || !Utf8Hex.TryParseUInt32(text, out uint hex)) return false;
        value = (byte)hex;
        return true;
    }

    private static bool IsBit(ReadOnlySpan<byte> text) => text.Length == 1 && (text[0] == (byte)'0' || text[0] == (byte)'1');


}
