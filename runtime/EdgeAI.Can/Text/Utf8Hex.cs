namespace EdgeAI.Can.Text;

/// <summary>Hex parsing of log fields without allocation.</summary>
internal static class Utf8Hex
{
    /// <summary>Value of one hex digit, or -1.</summary>
    public static int Digit(byte c) => DigitValues[c];

    // Hex digit values by byte (-1: not a digit); a table lookup is the fastest test in the hot loops.
    private static ReadOnlySpan<sbyte> DigitValues =>
    [
        -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
        -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
        -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
        0, 1, 2, 3, 4, 5, 6, 7, 8, 9, -1, -1, -1, -1, -1, -1,
        -1, 10, 11, 12, 13, 14, 15, -1, -1, -1, -1, -1, -1, -1, -1, -1,
        -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
        -1, 10, 11, 12, 13, 14, 15, -1, -1, -1, -1, -1, -1, -1, -1, -1,
        -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
        -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
        -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
        -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
        -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
        -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
        -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
        -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
        -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
    ];

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

    /// <summary>
    /// Parses exactly <c>destination.Length</c> blank-separated hex bytes (one or two digits each) from the start of
    /// <paramref name="text"/>; <paramref name="consumed"/> is where the text after them starts.
    /// </summary>
    public static bool TryParseSpacedBytes(ReadOnlySpan<byte> text, Span<byte> destination, out int consumed)
    {
        int n = destination.Length;
        // Fast path: "11 22 33" exactly as log writers lay it out.
        if (text.Length >= 3 * n - 1)
        {
            int i = 0;
            for (; i < n; i++)
            {
                int hi = Digit(text[3 * i]), lo = Digit(text[3 * i + 1]);
                int after = 3 * i + 2;
                if ((hi | lo) < 0 || (after < text.Length && text[after] != (byte)' ' && text[after] != (byte)'\t')) break;
                destination[i] = (byte)((hi << 4) | lo);
            }
            if (i == n)
            {
                consumed = Math.Max(3 * n - 1, 0);
                return true;
            }
        }
        consumed = 0;
        for (int i = 0; i < n; i++)
        {
            while (consumed < text.Length && (text[consumed] == (byte)' ' || text[consumed] == (byte)'\t')) consumed++;
            int start = consumed;
            while (consumed < text.Length && text[consumed] != (byte)' ' && text[consumed] != (byte)'\t') consumed++;
            if (consumed - start is < 1 or > 2 || !TryParseUInt32(text[start..consumed], out uint value)) return false;
            destination[i] = (byte)value;
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
