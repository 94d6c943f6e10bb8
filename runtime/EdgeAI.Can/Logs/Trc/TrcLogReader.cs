using System.Text;
using EdgeAI.Can.Text;

namespace EdgeAI.Can.Logs.Trc;

/// <summary>
/// Reads PEAK trace files (<c>.trc</c>) of versions 1.0 to 1.3 (<c>Rx</c>/<c>Tx</c> lines, <c>RTR</c>) and 2.0/2.1
/// (<c>;$COLUMNS=</c>; message types <c>DT</c>, <c>FD</c>, <c>FB</c> (BRS), <c>FE</c> (ESI), <c>BI</c> (BRS and ESI),
/// <c>RR</c> and <c>ER</c>, see <see cref="TrcErrorFrame"/>). Times are <c>;$STARTTIME=</c> (local time in
/// <see cref="CanLogReadOptions.TimeZone"/>) plus each line's offset in milliseconds; without a start time they count
/// from 0. Other records (status, error counters, events, warnings) are skipped and counted; comment lines are not records.
/// </summary>
public sealed class TrcLogReader : TextLogReader
{
    private readonly TimeZoneInfo _zone;
    private int _version = 10; // no ;$FILEVERSION: 1.0
    private string? _columnText;
    private byte[] _columns = [];
    private bool _lengthInBytes;
    private bool _ready;
    private long _startNs;

    /// <summary>Reads PEAK TRC frames from <paramref name="stream"/>, named <paramref name="name"/> in errors.</summary>
    public TrcLogReader(Stream stream, string name, CanLogReadOptions options)
        : base(stream, name, options)
    {
        _zone = options.TimeZone ?? TimeZoneInfo.Local;
    }


    /// <summary>File version times ten (21 for 2.1); 10 until a <c>;$FILEVERSION=</c> says otherwise.</summary>
    public int Version => _version;

    private protected override TextRecord ParseLine(ReadOnlySpan<byte> line, out CanFrame frame, out string expected)
    {
        frame = default;
        if (line[0] == (byte)';') return ParseDirective(line, out expected);
        if (!_ready && !TryResolveColumns(out expected)) return TextRecord.Bad;
        return ParseRecord(line, out frame, out expected);
    }

    private TextRecord ParseDirective(ReadOnlySpan<byte> line, out string expected)
    {
        expected = "";
        if (line.StartsWith(";$FILEVERSION="u8))
        {
            var value = Utf8Fields.Trim(line[";$FILEVERSION="u8.Length..]);
            _version = value.Length == 3 && value[1] == (byte)'.' && Utf8Decimal.IsDigit(value[0]) && Utf8Decimal.IsDigit(value[2])
                ? (value[0] - '0') * 10 + (value[2] - '0') : -1;
            if (_version is (>= 10 and <= 13) or 20 or 21) return TextRecord.Header;
            expected = "';$FILEVERSION=' 1.0, 1.1, 1.2, 1.3, 2.0 or 2.1";
            return TextRecord.Bad;
        }
        if (line.StartsWith(";$STARTTIME="u8))
        {
            if (TrcStartTime.TryParse(Utf8Fields.Trim(line[";$STARTTIME="u8.Length..]), _zone, out _startNs)) return TextRecord.Header;
            expected = "';$STARTTIME=' days since 1899-12-30 with a fraction (e.g. 44548.6028595139)";
            return TextRecord.Bad;
        }
        if (line.StartsWith(";$COLUMNS="u8))
        {
            _columnText = Encoding.ASCII.GetString(Utf8Fields.Trim(line[";$COLUMNS="u8.Length..]));
            _ready = false;
        }
        return TextRecord.Header;
    }

    /// <summary>Fixes the column order once the header is read: from ;$COLUMNS for 2.x, by version for 1.x.</summary>
    private bool TryResolveColumns(out string expected)
    {
        expected = "";
        string columns = _version switch
        {
            10 => "N,O,I,L,D",
            11 => "N,O,T,I,L,D",
            12 => "N,O,B,T,I,L,D",
            13 => "N,O,B,T,I,R,L,D",
            20 => _columnText ?? "N,O,T,I,d,l,D",
            _ => _columnText ?? "N,O,T,B,I,d,R,L,D",
        };
        var letters = new List<byte>();
        foreach (var part in columns.Split(','))
        {
            string column = part.Trim();
            if (column.Length != 1 || "NOTBIdRLlD".IndexOf(column[0]) < 0 || letters.Contains((byte)column[0]))
            {
                expected = "';$COLUMNS=' with the columns N,O,T,B,I,d,R,L,l,D each at most once";
                return false;
            }
            letters.Add((byte)column[0]);
        }
        bool lengthColumn = letters.Contains((byte)'L') || letters.Contains((byte)'l');
        if (!letters.Contains((byte)'O') || !letters.Contains((byte)'I') || !lengthColumn || letters[^1] != (byte)'D' ||
            (_version >= 20 && (!letters.Contains((byte)'T') || !letters.Contains((byte)'d'))))
        {
            expected = "';$COLUMNS=' with at least O, T, I, d, L or l, and D last";
            return false;
        }
        _columns = [.. letters];
        _lengthInBytes = letters.Contains((byte)'l');
        _ready = true;
        return true;
    }

    private TextRecord ParseRecord(ReadOnlySpan<byte> line, out CanFrame frame, out string expected)
    {
        frame = default;
        expected = "";
        var fields = new Utf8Fields(line);
        ReadOnlySpan<byte> offsetText = default, type = default, bus = default, idText = default, direction = default, lengthText = default;
        int column = 0;
        for (; column < _columns.Length; column++)
        {
            byte letter = _columns[column];
            if (letter == (byte)'D') break;
            var field = fields.Next();
            switch (letter)
            {
                case (byte)'O': offsetText = field; break;
                case (byte)'T': type = field; break;
                case (byte)'B': bus = field; break;
                case (byte)'I': idText = field; break;
                case (byte)'d': direction = field; break;
                case (byte)'L': case (byte)'l': lengthText = field; break;
            }
            if (letter == (byte)'T')
            {
                var kind = Classify(type);
                if (kind == RecordKind.Other)
                {
                    // PEAK's types are letters (ST, EC, EV, Warng); "1" or "0300" here means the type column is missing.
                    if (!type.IsEmpty && Ascii.IsValid(type) && type.IndexOfAnyExceptInRange((byte)'A', (byte)'z') < 0) return TextRecord.NotCan;
                    expected = _version >= 20 ? "a message type (DT, FD, FB, FE, BI, RR, ER, ...)" : "a type 'Rx' or 'Tx'";
                    return TextRecord.Bad;
                }
                if (kind == RecordKind.Error) return ParseError(ref fields, column, offsetText, bus, out frame, out expected);
            }
        }

        if (!TryTime(offsetText, out long ns)) { expected = "a time offset in milliseconds"; return TextRecord.Bad; }
        var recordKind = _version >= 20 ? Classify(type) : RecordKind.Classic;
        // 2.x has a direction column; in 1.1-1.3 the type column is the direction (other types were skipped above).
        var flags = ParseDirection(_version >= 20 ? direction : type, out bool hasDirection);
        if (_version >= 20 && !hasDirection) { expected = "a direction 'Rx' or 'Tx'"; return TextRecord.Bad; }
        if (idText.SequenceEqual("FFFFFFFF"u8) && _version < 20) return TextRecord.NotCan; // 1.x bus warnings
        if (!Utf8Hex.TryParseUInt32(idText, out uint id)) { expected = "a hex id (4 digits, 8 for 29-bit)"; return TextRecord.Bad; }
        if (idText.Length > 4) flags |= CanFlags.Extended;
        if (!TryChannel(bus, out ushort channel, out expected)) return TextRecord.Bad;
        if (!Utf8Decimal.TryParse(lengthText, out int length) || length > (_lengthInBytes ? CanFrame.MaxFdLength : 15))
        {
            expected = _lengthInBytes ? "a data length (0-64)" : "a DLC (0-15)";
            return TextRecord.Bad;
        }

        byte remoteDlc = 0;
        switch (recordKind)
        {
            case RecordKind.Remote:
                flags |= CanFlags.Remote;
                remoteDlc = (byte)Math.Min(length, 15);
                length = 0;
                break;
            case RecordKind.Fd:
                flags |= CanFlags.Fd | FdFlags(type);
                if (!_lengthInBytes) length = CanDlc.ToLength(length, fd: true);
                break;
            default:
                length = Math.Min(length, CanFrame.MaxClassicLength); // DLC 9..15 still carries 8 bytes
                break;
        }

        var rest = fields.Rest;
        if (_version < 20 && (rest.StartsWith("RTR"u8)))
        {
            flags |= CanFlags.Remote;
            remoteDlc = (byte)length;
            length = 0;
            rest = default;
        }
        else if (_version < 20 && rest.StartsWith("ERROR"u8)) return TextRecord.NotCan; // 1.0 error lines
        Span<byte> data = stackalloc byte[CanFrame.MaxFdLength];
        if (!Utf8Hex.TryParseSpacedBytes(rest, data[..length], out int consumed) || !Utf8Fields.Trim(rest[consumed..]).IsEmpty)
        {
            expected = $"{length} data bytes (hex pairs)";
            return TextRecord.Bad;
        }
        if (!CanFrame.TryValidate(id, length, flags, remoteDlc, out expected)) return TextRecord.Bad;
        frame = new CanFrame(id, data[..length], flags, ns, channel, remoteDlc);
        return TextRecord.Frame;
    }

    /// <summary>ER lines leave columns blank in 2.0 and write '-' in 2.1: find the direction, then the bytes.</summary>
    private TextRecord ParseError(ref Utf8Fields fields, int typeColumn, ReadOnlySpan<byte> offsetText, ReadOnlySpan<byte> bus,
        out CanFrame frame, out string expected)
    {
        frame = default;
        if (!TryTime(offsetText, out long ns)) { expected = "a time offset in milliseconds"; return TextRecord.Bad; }
        if (typeColumn + 1 < _columns.Length && _columns[typeColumn + 1] == (byte)'B') bus = fields.Next();
        CanFlags direction = CanFlags.None;
        while (fields.TryNext(out var field))
        {
            direction = ParseDirection(field, out bool ok);
            if (ok) break;
        }
        if (direction == CanFlags.None) { expected = "a direction 'Rx' or 'Tx' in the error frame"; return TextRecord.Bad; }
        if (!TryChannel(bus.SequenceEqual("-"u8) ? default : bus, out ushort channel, out expected)) return TextRecord.Bad;

        var rest = fields.Rest;
        while (rest.StartsWith("-"u8)) rest = new Utf8Fields(rest[1..]).Rest; // reserved column
        Span<byte> peak = stackalloc byte[CanFrame.MaxClassicLength + 1];
        var restFields = new Utf8Fields(rest);
        var first = restFields.Next();
        // A length column comes before the bytes unless it is blank (2.0); bytes are two hex digits, lengths have no leading zero.
        bool firstIsLength = Utf8Decimal.TryParse(first, out int declared) && (first.Length == 1 || first[0] != (byte)'0') &&
                             TryParseData(restFields.Rest, peak, out int afterFirst) && afterFirst == declared;
        if (!TryParseData(firstIsLength ? restFields.Rest : rest, peak, out int count) || count > CanFrame.MaxClassicLength)
        {
            expected = "error frame bytes (hex pairs: type, direction, position, receive and transmit counters)";
            return TextRecord.Bad;
        }
        Span<byte> data = stackalloc byte[CanFrame.MaxClassicLength];
        uint id = TrcErrorFrame.ToSocketCan(peak[..count], data);
        frame = new CanFrame(id, data, CanFlags.Error | direction, ns, channel);
        return TextRecord.Frame;
    }

    private bool TryTime(ReadOnlySpan<byte> text, out long ns)
    {
        // Milliseconds: parsed as if seconds, then scaled, which is exact for up to 6 fraction digits.
        if (!DecimalSeconds.TryParse(text, out long scaled)) { ns = 0; return false; }
        ns = _startNs + scaled / 1000;
        return true;
    }

    private bool TryChannel(ReadOnlySpan<byte> bus, out ushort channel, out string expected)
    {
        expected = "";
        int number = 1;
        if (!bus.IsEmpty && (!Utf8Decimal.TryParse(bus, out number) || number < 1 || number > ushort.MaxValue))
        {
            expected = "a bus number 1-65535";
            channel = 0;
            return false;
        }
        channel = Channels.FromNumber(number);
        return true;
    }

    private static CanFlags ParseDirection(ReadOnlySpan<byte> text, out bool ok)
    {
        ok = true;
        if (text.SequenceEqual("Rx"u8)) return CanFlags.Rx;
        if (text.SequenceEqual("Tx"u8)) return CanFlags.Tx;
        ok = false;
        return CanFlags.None;
    }

    private RecordKind Classify(ReadOnlySpan<byte> type)
    {
        if (_version < 20) return type.SequenceEqual("Rx"u8) || type.SequenceEqual("Tx"u8) ? RecordKind.Classic : RecordKind.Other;
        if (type.Length != 2) return RecordKind.Other;
        return (type[0], type[1]) switch
        {
            ((byte)'D', (byte)'T') => RecordKind.Classic,
            ((byte)'R', (byte)'R') => RecordKind.Remote,
            ((byte)'E', (byte)'R') => RecordKind.Error,
            ((byte)'F', (byte)'D') or ((byte)'F', (byte)'B') or ((byte)'F', (byte)'E') or ((byte)'B', (byte)'I') => RecordKind.Fd,
            _ => RecordKind.Other,
        };
    }

    private static CanFlags FdFlags(ReadOnlySpan<byte> type) => (type[0], type[1]) switch
    {
        ((byte)'F', (byte)'B') => CanFlags.Brs,
        ((byte)'F', (byte)'E') => CanFlags.Esi,
        ((byte)'B', (byte)'I') => CanFlags.Brs | CanFlags.Esi,
        _ => CanFlags.None,
    };

    /// <summary>Blank-separated hex bytes (1-2 digits each) into <paramref name="data"/>; false on anything else or too many.</summary>
    private static bool TryParseData(ReadOnlySpan<byte> text, Span<byte> data, out int count)
    {
        count = 0;
        var fields = new Utf8Fields(text);
        while (fields.TryNext(out var field))
        {
            if (count >= data.Length || field.Length > 2 || !Utf8Hex.TryParseUInt32(field, out uint value)) return false;
            data[count++] = (byte)value;
        }
        return true;
    }



    private enum RecordKind { Classic, Remote, Fd, Error, Other }
}
