using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Text;
using EdgeAI.Can.Text;

namespace EdgeAI.Can.Logs.Csv;

/// <summary>
/// Reads python-can's CSV logs: <c>timestamp,arbitration_id,extended,remote,error,dlc,data</c> with seconds since
/// the epoch, the id in hex (<c>0x...</c>), 1/0 flags and base64 data. The format has no channel, direction or
/// CAN FD column: every frame is on channel <c>can0</c> and a frame with more than 8 data bytes is read as CAN FD
/// (without BRS/ESI). Error frames get SocketCAN's 8 data bytes (zeros where the line has fewer).
/// </summary>
public sealed class CsvLogReader : TextLogReader
{
    /// <summary>The header line python-can writes.</summary>
    public const string Header = "timestamp,arbitration_id,extended,remote,error,dlc,data";

    private const string ExpectedRow = "7 comma-separated fields: timestamp,arbitration_id,extended,remote,error,dlc,data";

    private readonly ushort _channel;
    private bool _first = true;

    /// <summary>Reads CSV frames from <paramref name="stream"/>, named <paramref name="name"/> in errors.</summary>
    public CsvLogReader(Stream stream, string name, CanLogReadOptions options)
        : base(stream, name, options)
    {
        _channel = Channels.FromNumber(1);
    }


    private protected override TextRecord ParseLine(ReadOnlySpan<byte> line, out CanFrame frame, out string expected)
    {
        if (_first)
        {
            _first = false;
            if (line.StartsWith("timestamp,"u8)) { frame = default; expected = ""; return TextRecord.Header; } // the header python-can always writes
        }
        return TryParse(line, out frame, out expected) ? TextRecord.Frame : TextRecord.Bad;
    }

    private bool TryParse(ReadOnlySpan<byte> line, out CanFrame frame, out string expected)
    {
        frame = default;
        expected = ExpectedRow;
        Span<Range> ranges = stackalloc Range[7];
        if (!TrySplit(line, ranges)) return false;
        var timeText = line[ranges[0]];
        var idText = line[ranges[1]];
        var dlcText = line[ranges[5]];
        var dataText = line[ranges[6]];

        if (!TryParseSeconds(timeText, out long ns)) { expected = "a timestamp in seconds"; return false; }
        if (idText.Length > 2 && idText[0] == (byte)'0' && (idText[1] | 0x20) == 'x') idText = idText[2..];
        if (!Utf8Hex.TryParseUInt32(idText, out uint id)) { expected = "a hex arbitration id like 0x1a2"; return false; }
        if (!TryFlag(line[ranges[2]], out bool extended) || !TryFlag(line[ranges[3]], out bool remote) || !TryFlag(line[ranges[4]], out bool error))
        {
            expected = "1 or 0 in the extended, remote and error columns";
            return false;
        }
        if (!Utf8Decimal.TryParse(dlcText, out int dlc) || dlc > CanFrame.MaxFdLength) { expected = "a dlc (0-64)"; return false; }

        Span<byte> data = stackalloc byte[CanFrame.MaxFdLength + 2];
        if (Base64.DecodeFromUtf8(dataText, data, out int consumed, out int length) != OperationStatus.Done || consumed != dataText.Length ||
            length > CanFrame.MaxFdLength)
        {
            expected = "base64 data of at most 64 bytes";
            return false;
        }

        var flags = CanFlags.None;
        if (extended) flags |= CanFlags.Extended;
        byte remoteDlc = 0;
        if (error)
        {
            flags = CanFlags.Error;
            if (length < CanFrame.MaxClassicLength) data[length..CanFrame.MaxClassicLength].Clear();
            length = Math.Max(length, CanFrame.MaxClassicLength); // SocketCAN error frames have 8 bytes
        }
        else if (remote)
        {
            flags |= CanFlags.Remote;
            remoteDlc = (byte)Math.Min(dlc, 15);
            if (length != 0) { expected = "no data for a remote frame"; return false; }
        }
        else
        {
            if (dlc != length) { expected = $"a dlc equal to the number of data bytes ({length})"; return false; }
            if (length > CanFrame.MaxClassicLength) flags |= CanFlags.Fd;
        }
        if (!CanFrame.TryValidate(id, length, flags, remoteDlc, out expected)) return false;
        frame = new CanFrame(id, data[..length], flags, ns, _channel, remoteDlc);
        return true;
    }

    /// <summary>Decimal seconds, or Python's exponent form for tiny values ("1e-05").</summary>
    private static bool TryParseSeconds(ReadOnlySpan<byte> text, out long ns)
    {
        if (DecimalSeconds.TryParse(text, out ns)) return true;
        if (text.IndexOfAny((byte)'e', (byte)'E') < 0 ||
            !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) || !double.IsFinite(seconds) ||
            Math.Abs(seconds) > long.MaxValue / 1e9)
            return false;
        ns = (long)Math.Round(seconds * 1e9);
        return true;
    }

    /// <summary>Exactly <c>ranges.Length</c> comma-separated fields.</summary>
    private static bool TrySplit(ReadOnlySpan<byte> line, Span<Range> ranges)
    {
        int start = 0;
        for (int i = 0; i < ranges.Length - 1; i++)
        {
            int comma = line[start..].IndexOf((byte)',');
            if (comma < 0) return false;
            ranges[i] = new Range(start, start + comma);
            start += comma + 1;
        }
        if (line[start..].IndexOf((byte)',') >= 0) return false;
        ranges[^1] = new Range(start, line.Length);
        return true;
    }

    private static bool TryFlag(ReadOnlySpan<byte> text, out bool value)
    {
        value = text.Length == 1 && text[0] == (byte)'1';
        return text.Length == 1 && (text[0] == (byte)'1' || text[0] == (byte)'0');
    }

}
