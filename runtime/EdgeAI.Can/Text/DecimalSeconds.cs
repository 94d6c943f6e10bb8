using System.Buffers.Text;

namespace EdgeAI.Can.Text;

/// <summary>Exact conversion between decimal seconds text ("1436509052.249713") and integer nanoseconds.</summary>
public static class DecimalSeconds
{
    /// <summary>Parses optional sign, digits, optional '.' and up to 9 significant fraction digits (more are truncated).</summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out long ns)
    {
        ns = 0;
        if (text.IsEmpty) return false;
        bool negative = text[0] == (byte)'-';
        if (negative || text[0] == (byte)'+') text = text[1..];
        // One pass: whole digits, then an optional '.' and fraction digits (the hot path of every text log's timestamps).
        long seconds = 0;
        int i = 0;
        for (; i < text.Length; i++)
        {
            uint d = (uint)(text[i] - '0');
            if (d > 9) break;
            if (seconds > (long.MaxValue / 1_000_000_000L - 9) / 10) return false;
            seconds = seconds * 10 + d;
        }
        bool hasWhole = i > 0;
        long frac = 0;
        int digits = 0;
        if (i < text.Length)
        {
            if (text[i] != (byte)'.') return false;
            if (!hasWhole && i + 1 == text.Length) return false; // "." alone
            for (i++; i < text.Length; i++)
            {
                uint d = (uint)(text[i] - '0');
                if (d > 9) return false;
                if (digits < 9) { frac = frac * 10 + d; digits++; }
            }
        }
        else if (!hasWhole) return false; // a sign alone
        for (; digits < 9; digits++) frac *= 10;
        ns = seconds * 1_000_000_000L + frac;
        if (negative) ns = -ns;
        return true;
    }

    /// <summary>Writes seconds with <paramref name="decimals"/> (0..9) fraction digits, rounded to the nearest last digit
    /// (rounding is monotonic, so frames never change order); returns bytes written.</summary>
    public static int Format(long ns, int decimals, Span<byte> destination) => FormatScaled(ns, 9, decimals, destination);

    /// <summary>Writes <paramref name="value"/>, which has <paramref name="scale"/> implied fraction digits (9 for ns as
    /// seconds, 6 for ns as milliseconds), with <paramref name="decimals"/> (0..scale) fraction digits, rounded to nearest.
    /// Sources with float timestamps (python-can) store 1.26 s as 1.259999990 s; truncating would write 1.259999.</summary>
    public static int FormatScaled(long value, int scale, int decimals, Span<byte> destination)
    {
        int n = 0;
        if (value < 0) { destination[n++] = (byte)'-'; value = -value; }
        long unit = 1;
        for (int i = 0; i < scale; i++) unit *= 10;
        long step = 1;
        for (int i = Math.Max(decimals, 0); i < scale; i++) step *= 10;
        value = (value + step / 2) / step * step;
        long whole = value / unit;
        long frac = value % unit;
        Utf8Formatter.TryFormat(whole, destination[n..], out int written);
        n += written;
        if (decimals <= 0) return n;
        destination[n++] = (byte)'.';
        for (int i = scale; i > decimals; i--) frac /= 10;
        for (int i = decimals - 1; i >= 0; i--, frac /= 10) destination[n + i] = (byte)('0' + frac % 10);
        return n + decimals;
    }

    /// <summary>Writes seconds with the fewest fraction digits (1..9) that keep <paramref name="ns"/> exact,
    /// the way Python prints a float ("1.5", "0.0"); returns bytes written.</summary>
    public static int FormatShortest(long ns, Span<byte> destination)
    {
        long frac = Math.Abs(ns % 1_000_000_000L);
        int decimals = 9;
        while (decimals > 1 && frac % 10 == 0) { frac /= 10; decimals--; }
        return Format(ns, decimals, destination);
    }
}
