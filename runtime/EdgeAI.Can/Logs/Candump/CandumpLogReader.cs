using EdgeAI.Can.Text;

namespace EdgeAI.Can.Logs.Candump;

/// <summary>
/// Reads can-utils <c>candump -L</c> logs: <c>(seconds) interface id#data</c>, with CAN FD
/// (<c>id##Fdata</c>), remote (<c>id#R</c>, optional DLC digit), error frames (id with the
/// 0x20000000 error flag), classic DLC 9..15 (<c>_D</c>) and the direction python-can appends (<c> R</c>/<c> T</c>).
/// CAN XL lines (<c>###</c>) are skipped and counted.
/// </summary>
public sealed class CandumpLogReader : TextLogReader
{
    private const uint ErrorFlag = 0x2000_0000;
    private const string Expected = "'(seconds) interface id#data' (candump -L)";

    private readonly byte[] _lastInterface = new byte[64];
    private int _lastInterfaceLength = -1;
    private ushort _lastChannel;

    /// <summary>Reads candump -l frames from <paramref name="stream"/>, named <paramref name="name"/> in errors.</summary>
    public CandumpLogReader(Stream stream, string name, CanLogReadOptions options)
        : base(stream, name, options)
    {
    }


    private protected override TextRecord ParseLine(ReadOnlySpan<byte> line, out CanFrame frame, out string expected)
    {
        frame = default;
        expected = Expected;
        if (line[0] != (byte)'(') return TextRecord.Bad;
        int close = line.IndexOf((byte)')');
        if (close < 0 || !DecimalSeconds.TryParse(line[1..close], out long ns))
        {
            expected = "a timestamp '(seconds.fraction)'";
            return TextRecord.Bad;
        }
        var rest = line[(close + 1)..].TrimStart((byte)' ');
        int space = rest.IndexOf((byte)' ');
        if (space <= 0) return TextRecord.Bad;
        var iface = rest[..space];
        rest = rest[(space + 1)..].TrimStart((byte)' ');
        space = rest.IndexOf((byte)' ');
        var token = space < 0 ? rest : rest[..space];
        var direction = CanFlags.None;
        if (space >= 0)
        {
            var tail = rest[(space + 1)..].Trim((byte)' ');
            if (tail.SequenceEqual("R"u8)) direction = CanFlags.Rx;
            else if (tail.SequenceEqual("T"u8)) direction = CanFlags.Tx;
            else if (!tail.IsEmpty) { expected = "nothing or a direction 'R'/'T' after the frame"; return TextRecord.Bad; }
        }

        int hash = token.IndexOf((byte)'#');
        if (hash < 0) { expected = "'id#data' after the interface"; return TextRecord.Bad; }
        var idText = token[..hash];
        var body = token[(hash + 1)..];
        if (body.Length >= 2 && body[0] == (byte)'#' && body[1] == (byte)'#') return TextRecord.NotCan; // CAN XL
        if (!Utf8Hex.TryParseUInt32(idText, out uint id) || (idText.Length != 8 && idText.Length > 3))
        {
            expected = "a 3-digit standard or 8-digit extended hex id";
            return TextRecord.Bad;
        }
        var flags = direction;
        if (idText.Length == 8)
        {
            if ((id & ErrorFlag) != 0) { flags |= CanFlags.Error; id &= CanFrame.MaxExtendedId; }
            else flags |= CanFlags.Extended;
            if (id > CanFrame.MaxExtendedId) { expected = "a 29-bit id"; return TextRecord.Bad; }
        }

        Span<byte> data = stackalloc byte[CanFrame.MaxFdLength];
        int length;
        byte remoteDlc = 0;
        if (body.Length > 0 && body[0] == (byte)'#')
        {
            flags |= CanFlags.Fd;
            int fdFlags = body.Length > 1 ? Utf8Hex.Digit(body[1]) : -1;
            if (fdFlags < 0) { expected = "a CAN FD flags digit after '##'"; return TextRecord.Bad; }
            if ((fdFlags & 1) != 0) flags |= CanFlags.Brs;
            if ((fdFlags & 2) != 0) flags |= CanFlags.Esi;
            if (!TryParseData(body[2..], data, out length)) { expected = "CAN FD data: hex byte pairs, 0-64 bytes"; return TextRecord.Bad; }
        }
        else if (body.Length > 0 && (body[0] | 0x20) == (byte)'r')
        {
            flags |= CanFlags.Remote;
            length = 0;
            if (body.Length >= 2 && Utf8Hex.Digit(body[1]) is >= 0 and <= 8 and var dlc) remoteDlc = (byte)dlc;
            if (body.Length == 4 && remoteDlc == CanFrame.MaxClassicLength && TryRawDlc(body[2..], out byte rawDlc)) remoteDlc = rawDlc; // R8_D
            else if (body.Length != 1 && (body.Length != 2 || Utf8Hex.Digit(body[1]) is < 0 or > 8))
            {
                expected = "'R', 'R' and a DLC digit 0-8, or 'R8_' and a DLC digit 9-F for a remote frame";
                return TextRecord.Bad;
            }
        }
        else
        {
            int underscore = body.IndexOf((byte)'_'); // "1122334455667788_D": 8 data bytes sent with DLC 9..15 (len8_dlc)
            if (underscore >= 0)
            {
                if (!TryRawDlc(body[underscore..], out remoteDlc) || !TryParseData(body[..underscore], data, out length) || length != CanFrame.MaxClassicLength)
                {
                    expected = "8 data bytes, '_' and a DLC digit 9-F";
                    return TextRecord.Bad;
                }
            }
            else if (!TryParseData(body, data, out length) || length > CanFrame.MaxClassicLength)
            {
                expected = "data as hex byte pairs, 0-8 bytes";
                return TextRecord.Bad;
            }
        }
        if (!CanFrame.TryValidate(id, length, flags, remoteDlc, out string problem)) { expected = problem; return TextRecord.Bad; }
        frame = new CanFrame(id, data[..length], flags, ns, ChannelOf(iface), remoteDlc);
        return TextRecord.Frame;
    }

    /// <summary>Channel index of an interface name; logs mostly repeat the last one, so that is checked first.</summary>
    private ushort ChannelOf(ReadOnlySpan<byte> iface)
    {
        if (_lastInterfaceLength >= 0 && iface.SequenceEqual(_lastInterface.AsSpan(0, _lastInterfaceLength))) return _lastChannel;
        _lastChannel = Channels.GetOrAdd(iface);
        _lastInterfaceLength = iface.Length <= _lastInterface.Length ? iface.Length : -1;
        if (_lastInterfaceLength >= 0) iface.CopyTo(_lastInterface);
        return _lastChannel;
    }

    /// <summary>"_D": can-utils' raw DLC 9..15 of a classic frame with 8 bytes.</summary>
    private static bool TryRawDlc(ReadOnlySpan<byte> text, out byte dlc)
    {
        dlc = 0;
        int digit = text.Length == 2 && text[0] == (byte)'_' ? Utf8Hex.Digit(text[1]) : -1;
        if (digit is not (> 8 and <= 15)) return false;
        dlc = (byte)digit;
        return true;
    }

    /// <summary>Hex pairs, optionally separated by '.' as cansend allows.</summary>
    private static bool TryParseData(ReadOnlySpan<byte> text, Span<byte> data, out int length)
    {
        if (text.IndexOf((byte)'.') < 0) return Utf8Hex.TryParseBytes(text, data, out length);
        length = 0;
        for (int i = 0; i < text.Length;)
        {
            if (text[i] == (byte)'.') { i++; continue; }
            if (i + 1 >= text.Length || length >= data.Length) return false;
            int hi = Utf8Hex.Digit(text[i]), lo = Utf8Hex.Digit(text[i + 1]);
            if ((hi | lo) < 0) return false;
            data[length++] = (byte)((hi << 4) | lo);
            i += 2;
        }
        return true;
    }


}
