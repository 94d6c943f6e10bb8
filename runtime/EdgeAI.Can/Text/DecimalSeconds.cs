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
        int dot = text.IndexOf((byte)'.');
        var whole = dot < 0 ? text : text[..dot];
        var fraction = dot < 0 ? default : text[(dot + 1)..];
        if (whole.IsEmpty && fraction.IsEmpty) return false;
        long seconds = 0;
        foreach (byte b in whole)
        {
            uint d = (uint)(b - '0');
            if (d > 9 || seconds > (long.MaxValue / 1_000_000_000L - 9) / 10) return false;
            seconds = seconds * 10 + d;
        }
        long frac = 0;
        int digits = 0;
        foreach (byte b in fraction)
        {
            uint d = (uint)(b - '0');
            if (d > 9) return false;
            if (digits < 9) { frac = frac * 10 + d; digits++; }
        }
        for (; digits < 9; digits++) frac *= 10;
        ns = seconds * 1_000_000_000L + frac;
        if (negative) ns = -ns;
        return true;
    }

    /// <summary>Writes seconds with <paramref name="decimals"/> (0..9) fraction digits, truncating; returns bytes written.</summary>
    public static int Format(long ns, int decimals, Span<byte> destination)
    {
        int n = 0;
        if (ns < 0) { destination[n++] = (byte)'-'; ns = -ns; }
        long seconds = ns / 1_000_000_000L;
        long frac = ns % 1_000_000_000L;
        Utf8Formatter.TryFormat(seconds, destination[n..], out int written);
        n += written;
        if (decimals <= 0) return n;
        destination[n++] = (byte)'.';
        for (int i = 9; i > decimals; i--) frac /= 10;
        for (int i = decimals - 1; i >= 0; i--, frac /= 10) destination[n + i] = (byte)('0' + frac % 10);
        return n + decimals;
    }
}
