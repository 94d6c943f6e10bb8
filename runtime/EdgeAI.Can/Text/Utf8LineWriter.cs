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

    /// <summary>Upper-case hex with exactly <paramref name="digits"/> digits (leading zeros).</summary>
    public void WriteHex(uint value, int digits)
    {
        var span = Reserve(digits);
        for (int i = digits - 1; i >= 0; i--, value >>= 4) span[i] = HexDigit((int)(value & 0xF));
        _count += digits;
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
        for (int i = written; i < width; i++) Write((byte)' ');
        Write(digits[..written]);
    }

    /// <summary>Nanoseconds as seconds with <paramref name="decimals"/> fraction digits (truncated, not rounded,
    /// so a time never moves past the next frame's).</summary>
    public void WriteSeconds(long ns, int decimals)
    {
        var span = Reserve(32);
        _count += DecimalSeconds.Format(ns, decimals, span);
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

    private static byte HexDigit(int nibble) => (byte)(nibble < 10 ? '0' + nibble : 'A' + nibble - 10);

    public void Dispose()
    {
        if (_buffer.Length == 0) return;
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }
}
