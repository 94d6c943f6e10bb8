using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
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

    [SkipLocalsInit] // the stack buffers are written before they are read; zeroing them cost more than some fields' parsing
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
        if (!TryDecodeBase64(dataText, data, out int length) &&
            (Base64.DecodeFromUtf8(dataText, data, out int consumed, out length) != OperationStatus.Done || consumed != dataText.Length ||
             length > CanFrame.MaxFdLength))
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
        frame = new CanFrame(id, data[..length], flags, ns, _channel, remoteDlc, validated: true);
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

    /// <summary>Exactly <c>ranges.Length</c> comma-separated fields. A row is about 45 bytes: comparing 16 bytes at a time
    /// and walking the comma bits costs less than one search call per field.</summary>
    private static bool TrySplit(ReadOnlySpan<byte> line, Span<Range> ranges)
    {
        int fields = 0, start = 0;
        var comma = Vector128.Create((byte)',');
        if (line.Length < Vector128<byte>.Count)
        {
            for (int i = 0; i < line.Length; i++)
                if (line[i] == (byte)',' && !TryEndField(ranges, ref fields, ref start, i)) return false;
        }
        else
        {
            for (int block = 0; block < line.Length; block += Vector128<byte>.Count)
            {
                // The last block is the line's last 16 bytes; the bits of the bytes already looked at are dropped.
                int at = Math.Min(block, line.Length - Vector128<byte>.Count);
                uint found = Vector128.Equals(Vector128.Create(line.Slice(at, Vector128<byte>.Count)), comma).ExtractMostSignificantBits();
                found &= uint.MaxValue << (block - at);
                for (; found != 0; found &= found - 1)
                    if (!TryEndField(ranges, ref fields, ref start, at + BitOperations.TrailingZeroCount(found))) return false;
            }
        }
        if (fields != ranges.Length - 1) return false;
        ranges[fields] = new Range(start, line.Length);
        return true;
    }

    /// <summary>Ends the field at the comma at <paramref name="comma"/>; false when the line has more commas than fields allow.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryEndField(Span<Range> ranges, ref int fields, ref int start, int comma)
    {
        if (fields == ranges.Length - 1) return false;
        ranges[fields++] = new Range(start, comma);
        start = comma + 1;
        return true;
    }

    /// <summary>
    /// Base64 exactly as python-can writes it (groups of four, '=' padding, unused bits zero) into at most 64 bytes;
    /// false for anything else, which <see cref="Base64.DecodeFromUtf8(ReadOnlySpan{byte}, Span{byte}, out int, out int, bool)"/>
    /// then judges, so what is accepted does not change. Short payloads spend more in that general decoder's set-up than in decoding.
    /// </summary>
    private static bool TryDecodeBase64(ReadOnlySpan<byte> text, Span<byte> destination, out int length)
    {
        length = 0;
        if ((text.Length & 3) != 0 || text.Length / 4 * 3 > CanFrame.MaxFdLength + 2) return false;
        var sextets = Base64Sextets;
        for (int i = 0; i < text.Length; i += 4)
        {
            int a = sextets[text[i]], b = sextets[text[i + 1]], c = sextets[text[i + 2]], d = sextets[text[i + 3]];
            if ((a | b | c | d) >= 0)
            {
                int group = (a << 18) | (b << 12) | (c << 6) | d;
                destination[length] = (byte)(group >> 16);
                destination[length + 1] = (byte)(group >> 8);
                destination[length + 2] = (byte)group;
                length += 3;
                continue;
            }
            // Only the last group may hold padding: "xx==" (one byte) or "xxx=" (two), with the unused bits zero.
            if (i + 4 != text.Length || (a | b) < 0 || text[i + 3] != (byte)'=') return false;
            if (c < 0)
            {
                if (text[i + 2] != (byte)'=' || (b & 0x0F) != 0) return false;
                destination[length++] = (byte)((a << 2) | (b >> 4));
            }
            else
            {
                if ((c & 0x03) != 0) return false;
                int group = (a << 18) | (b << 12) | (c << 6);
                destination[length] = (byte)(group >> 16);
                destination[length + 1] = (byte)(group >> 8);
                length += 2;
            }
        }
        return length <= CanFrame.MaxFdLength;
    }

    // Base64 digit values by byte (-1: not a digit).
    private static ReadOnlySpan<sbyte> Base64Sextets =>
    [
        -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
        -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
        -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 62, -1, -1, -1, 63,
        52, 53, 54, 55, 56, 57, 58, 59, 60, 61, -1, -1, -1, -1, -1, -1,
        -1, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14,
        15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, -1, -1, -1, -1, -1,
        -1, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40,
        41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, -1, -1, -1, -1, -1,
        -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
        -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
        -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
        -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
        -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
        -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
        -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
        -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
    ];

    private static bool TryFlag(ReadOnlySpan<byte> text, out bool value)
    {
        value = text.Length == 1 && text[0] == (byte)'1';
        return text.Length == 1 && (text[0] == (byte)'1' || text[0] == (byte)'0');
    }

}
