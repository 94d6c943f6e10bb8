using System.Globalization;
using EdgeAI.Can.Text;

namespace EdgeAI.Can.Logs.Trc;

/// <summary>
/// <c>;$STARTTIME=</c>: days since 1899-12-30 with the time of day as a fraction of a day, local time
/// (an OLE automation date, as PCAN-View writes it).
/// </summary>
internal static class TrcStartTime
{
    private const long NsPerDay = 86_400_000_000_000L;
    private const long EpochDays = 25_569; // 1899-12-30 to 1970-01-01

    // Multiples of both 1 µs and 1e-10 day (8.64 µs): exact with 10 fraction digits, and whole microseconds.
    private const long GridNs = 216_000;
    private const long NsPerFractionUnit = 8_640; // 1e-10 day

    /// <summary>Parses the value after <c>;$STARTTIME=</c> as local time in <paramref name="zone"/>.</summary>
    public static bool TryParse(ReadOnlySpan<byte> text, TimeZoneInfo zone, out long unixNs)
    {
        unixNs = 0;
        int dot = text.IndexOf((byte)'.');
        var whole = dot < 0 ? text : text[..dot];
        var fractionText = dot < 0 ? default : text[(dot + 1)..];
        if (!Utf8Decimal.TryParse(whole, out int days) || days > 2_000_000) return false;
        Int128 fraction = 0, scale = 1;
        int digits = 0;
        foreach (byte c in fractionText)
        {
            if (!Utf8Decimal.IsDigit(c)) return false;
            if (digits++ >= 18) continue; // beyond a nanosecond of a day
            fraction = fraction * 10 + (c - '0');
            scale *= 10;
        }
        long dayNs = (long)((fraction * NsPerDay + scale / 2) / scale);
        long localNs = (days - EpochDays) * NsPerDay + dayNs;
        var local = new DateTime(DateTime.UnixEpoch.Ticks + FloorDiv(localNs, 100), DateTimeKind.Unspecified);
        unixNs = localNs - zone.GetUtcOffset(local).Ticks * 100;
        return true;
    }

    /// <summary>The start to write for a log whose first frame is at <paramref name="firstNs"/>: at or just before it,
    /// exactly representable with 10 fraction digits and in whole microseconds.</summary>
    /// <returns>The start in ns since the Unix epoch, the <c>;$STARTTIME=</c> value and a readable local time.</returns>
    public static (long StartNs, string Value, string Readable) Choose(long firstNs, TimeZoneInfo zone)
    {
        var utc = new DateTime(DateTime.UnixEpoch.Ticks + FloorDiv(firstNs, 100), DateTimeKind.Utc);
        long offsetNs = zone.GetUtcOffset(utc).Ticks * 100;
        long sinceBase = firstNs + offsetNs + EpochDays * NsPerDay; // local wall time since 1899-12-30
        long start = FloorDiv(sinceBase, GridNs) * GridNs;
        long days = FloorDiv(start, NsPerDay);
        long fraction = (start - days * NsPerDay) / NsPerFractionUnit;
        long startNs = start - EpochDays * NsPerDay - offsetNs;
        var local = new DateTime(DateTime.UnixEpoch.Ticks + FloorDiv(start - EpochDays * NsPerDay, 100), DateTimeKind.Unspecified);
        long tenthMs = (start - EpochDays * NsPerDay) / 100_000 % 10;
        string readable = local.ToString("dd.MM.yyyy HH:mm:ss.fff", CultureInfo.InvariantCulture) + "." + tenthMs.ToString(CultureInfo.InvariantCulture);
        return (startNs, days.ToString(CultureInfo.InvariantCulture) + "." + fraction.ToString("D10", CultureInfo.InvariantCulture), readable);
    }

    private static long FloorDiv(long value, long divisor)
    {
        long q = Math.DivRem(value, divisor, out long r);
        return r < 0 ? q - 1 : q;
    }
}
