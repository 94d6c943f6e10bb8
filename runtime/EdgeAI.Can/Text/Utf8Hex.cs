namespace EdgeAI.Can.Text;

/// <summary>Hex parsing of log fields without allocation.</summary>
internal static class Utf8Hex
{
    /// <summary>Value of one hex digit, or -1.</summary>
    public static int Digit(byte c)
    {
        uint d = (uint)(c - '0');
        if (d <= 9) return (int)d;
        d = (uint)((c | 0x20) - 'a');
        return d <= 5 ? (int)d + 10 : -1;
    }

    /// <summary>Parses 1..8 hex digits.</summary>
    public static bool TryParseUInt32(ReadOnlySpan<byte> text, out uint value)
    {
        value = 0;
        if (text.IsEmpty || text.Length > 8) return false;
        foreach (byte c in text)
        {
            int d = Digit(c);
            if (d < 0) return false;
            value = (value << 4) | (uint)d;
        }
        return true;
    }

    /// <summary>Parses an even number of hex digits with no separators into <paramref name="destination"/>.</summary>
    public static bool TryParseBytes(ReadOnlySpan<byte> text, Span<byte> destination, out int length)
    {
        length = text.Length / 2;
        if ((text.Length & 1) != 0 || length > destination.Length) return false;
        for (int i = 0; i < length; i++)
        {
            int hi = Digit(text[2 * i]), lo = Digit(text[2 * i + 1]);
            if ((hi | lo) < 0) return false;
            destination[i] = (byte)((hi << 4) | lo);
        }
        return true;
    }
}
