namespace EdgeAI.Can.Text;

/// <summary>Decimal integer parsing of log fields without allocation.</summary>
internal static class Utf8Decimal
{
    /// <summary>True for '0'..'9'.</summary>
    public static bool IsDigit(byte c) => (uint)(c - '0') <= 9;

    /// <summary>True when <paramref name="text"/> is one or more digits and nothing else.</summary>
    public static bool IsDigits(ReadOnlySpan<byte> text)
    {
        if (text.IsEmpty) return false;
        foreach (byte c in text)
            if (!IsDigit(c)) return false;
        return true;
    }

    /// <summary>Parses 1..9 decimal digits (no sign), so the value always fits.</summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out int value)
    {
        value = 0;
        if (text.IsEmpty || text.Length > 9) return false;
        foreach (byte c in text)
        {
            uint d = (uint)(c - '0');
            if (d > 9) return false;
            value = value * 10 + (int)d;
        }
        return true;
    }

    /// <summary>Parses up to 10 decimal digits into a 32-bit value (no sign).</summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out uint value)
    {
        value = 0;
        if (text.IsEmpty || text.Length > 10) return false;
        ulong v = 0;
        foreach (byte c in text)
        {
            uint d = (uint)(c - '0');
            if (d > 9) return false;
            v = v * 10 + d;
        }
        if (v > uint.MaxValue) return false;
        value = (uint)v;
        return true;
    }
}
