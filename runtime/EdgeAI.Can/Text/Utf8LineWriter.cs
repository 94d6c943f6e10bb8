using System.Buffers;
using System.Buffers.Text;

namespace EdgeAI.Can.Text;

/// <summary>
/// Writes ASCII text lines into a pooled buffer and flushes it to a stream in large blocks;
/// numbers are formatted straight into the buffer, so writing a frame allocates nothing.
/// </summary>
internal sealed class Utf8LineWriter : IDisposable
{
    private const int FlushAt = (1 << 16) - 512;
    private readonly Stream _stream;
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
    private int _count;

    public Utf8LineWriter(Stream stream) => _stream = stream;

    public void Write(ReadOnlySpan<byte> bytes)
    {
        if (_count + bytes.Length > _buffer.Length) Flush();
        if (bytes.Length > _buffer.Length) { _stream.Write(bytes); return; }
        bytes.CopyTo(_buffer.AsSpan(_count));
        _count += bytes.Length;
    }

    /// <summary>Writes text that is known to be ASCII (names, headers).</summary>
    public void Write(string ascii)
    {
        Span<byte> bytes = ascii.Length <= 256 ? stackalloc byte[ascii.Length] : new byte[ascii.Length];
        for (int i = 0; i < ascii.Length; i++) bytes[i] = (byte)ascii[i];
        Write(bytes);
    }

    public void Write(byte ascii)
    {
        if (_count >= _buffer.Length) Flush();
        _buffer[_count++] = ascii;
    }

    /// <summary>Hex with exactly <paramref name="digits"/> digits (leading zeros), upper case unless asked.</summary>
    public void WriteHex(uint value, int digits, bool lowerCase = false)
    {
        var span = Reserve(digits);
        for (int i = digits - 1; i >= 0; i--, value >>= 4) span[i] = HexDigit((int)(value & 0xF), lowerCase);
        _count += digits;
    }

    /// <summary>Hex without leading zeros ("0" for zero), upper case unless asked.</summary>
    public void WriteHex(uint value, bool lowerCase = false) => WriteHex(value, HexDigitCount(value), lowerCase);

    /// <summary>Number of hex digits <see cref="WriteHex(uint, bool)"/> writes for <paramref name="value"/>.</summary>
    public static int HexDigitCount(uint value) => value == 0 ? 1 : (35 - System.Numerics.BitOperations.LeadingZeroCount(value)) / 4;

    /// <summary>Writes <paramref name="count"/> spaces (none when zero or negative), for column alignment.</summary>
    public void WriteSpaces(int count)
    {
        if (count <= 0) return;
        Reserve(count).Fill((byte)' ');
        _count += count;
    }

    /// <summary>Base64 (standard alphabet, padded) of <paramref name="data"/>.</summary>
    public void WriteBase64(ReadOnlySpan<byte> data)
    {
        var span = Reserve(Base64.GetMaxEncodedToUtf8Length(data.Length));
        Base64.EncodeToUtf8(data, span, out _, out int written);
        _count += written;
    }

    /// <summary>Upper-case hex bytes, with <paramref name="separator"/> between them when not zero.</summary>
    public void WriteHexBytes(ReadOnlySpan<byte> data, byte separator = 0)
    {
        var span = Reserve(data.Length * 3);
        int n = 0;
        for (int i = 0; i < data.Length; i++)
        {
            if (separator != 0 && i > 0) span[n++] = separator;
            span[n++] = HexDigit(data[i] >> 4);
            span[n++] = HexDigit(data[i] & 0xF);
        }
        _count += n;
    }

    public void WriteDecimal(long value)
    {
        Utf8Formatter.TryFormat(value, Reserve(20), out int written);
        _count += written;
    }

    /// <summary>Right-aligned decimal in a field of <paramref name="width"/> characters.</summary>
    public void WriteDecimal(long value, int width)
    {
        Span<byte> digits = stackalloc byte[20];
        Utf8Formatter.TryFormat(value, digits, out int written);
        WriteSpaces(width - written);
        Write(digits[..written]);
    }

    /// <summary>Left-aligned decimal, padded with spaces to <paramref name="width"/> characters.</summary>
    public void WriteDecimalLeft(long value, int width)
    {
        var span = Reserve(20);
        Utf8Formatter.TryFormat(value, span, out int written);
        _count += written;
        WriteSpaces(width - written);
    }

    /// <summary>Nanoseconds as seconds with <paramref name="decimals"/> fraction digits, rounded to nearest.</summary>
    public void WriteSeconds(long ns, int decimals)
    {
        var span = Reserve(32);
        _count += DecimalSeconds.Format(ns, decimals, span);
    }

    /// <summary>As <see cref="WriteSeconds(long, int)"/>, right-aligned in a field of <paramref name="width"/> characters.</summary>
    public void WriteSeconds(long ns, int decimals, int width)
    {
        Span<byte> text = stackalloc byte[32];
        int written = DecimalSeconds.Format(ns, decimals, text);
        WriteSpaces(width - written);
        Write(text[..written]);
    }

    /// <summary>Nanoseconds as milliseconds with <paramref name="decimals"/> fraction digits (rounded to nearest), right-aligned in
    /// a field of <paramref name="width"/> characters.</summary>
    public void WriteMilliseconds(long ns, int decimals, int width)
    {
        Span<byte> text = stackalloc byte[32];
        int written = DecimalSeconds.FormatScaled(ns, 6, decimals, text);
        WriteSpaces(width - written);
        Write(text[..written]);
    }

    /// <summary>Nanoseconds as seconds with as few fraction digits as keep the value exact (at least one).</summary>
    public void WriteSecondsShortest(long ns)
    {
        var span = Reserve(32);
        _count += DecimalSeconds.FormatShortest(ns, span);
    }

    public void NewLine() => Write((byte)'\n');

    public void Flush()
    {
        if (_count == 0) return;
        _stream.Write(_buffer, 0, _count);
        _count = 0;
    }

    private Span<byte> Reserve(int bytes)
    {
        if (_count + bytes > _buffer.Length) Flush();
        return _buffer.AsSpan(_count, bytes);
    }

    private static byte HexDigit(int nibble, bool lowerCase = false) =>
        (byte)(nibble < 10 ? '0' + nibble : (lowerCase ? 'a' : 'A') + nibble - 10);

    public void Dispose()
    {
        if (_buffer.Length == 0) return;
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }
}
