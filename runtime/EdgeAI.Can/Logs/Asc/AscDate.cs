using System.Text;
using EdgeAI.Can.Text;

namespace EdgeAI.Can.Logs.Asc;

/// <summary>
/// The dates of ASC headers (<c>date</c> and <c>Begin Triggerblock</c> lines): weekday, month, day,
/// time with optional fraction, optional am/pm, year, in English or German
/// (<c>Mon Jun 01 02:03:04.123 pm 2024</c>, <c>Mi Mai 15 10:20:30.456 2024</c>), as local time of a zone.
/// </summary>
internal static class AscDate
{
    private const long TicksPerSecond = TimeSpan.TicksPerSecond;

    // Three-letter month prefixes, English and German, and the month each names.
    private static ReadOnlySpan<byte> MonthNames => "janfebmaraprmayjunjulaugsepoctnovdecmaimrzoktdez"u8;
    private static ReadOnlySpan<byte> MonthNumbers => [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 5, 3, 10, 12];

    private static readonly string[] WeekdayNames = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
    private static readonly string[] EnglishMonths = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    /// <summary>Parses a header date (without the leading keyword) as local time in <paramref name="zone"/>.</summary>
    public static bool TryParse(ReadOnlySpan<byte> text, TimeZoneInfo zone, out long unixNs)
    {
        unixNs = 0;
        var fields = new Utf8Fields(text);
        var first = fields.Next();
        var second = fields.Next();
        ReadOnlySpan<byte> monthText, dayText;
        if (TryMonth(first, out _) && Utf8Decimal.IsDigits(second)) { monthText = first; dayText = second; } // no weekday
        else { monthText = second; dayText = fields.Next(); }
        if (!TryMonth(monthText, out int month) || !Utf8Decimal.TryParse(dayText, out int day)) return false;
        if (!TryParseTime(fields.Next(), out int hour, out int minute, out int second2, out long fractionNs)) return false;
        var next = fields.Next();
        if (Ascii.EqualsIgnoreCase(next, "am"u8) || Ascii.EqualsIgnoreCase(next, "pm"u8))
        {
            if (hour is < 1 or > 12) return false;
            bool pm = (next[0] | 0x20) == 'p';
            hour = hour % 12 + (pm ? 12 : 0);
            next = fields.Next();
        }
        if (!Utf8Decimal.TryParse(next, out int year) || next.Length != 4 || !fields.IsEmpty) return false;
        if (year < 1 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second2 > 59) return false;
        var local = new DateTime(year, month, day, hour, minute, second2, DateTimeKind.Unspecified);
        long utcTicks = local.Ticks - zone.GetUtcOffset(local).Ticks - DateTime.UnixEpoch.Ticks;
        unixNs = utcTicks * 100 + fractionNs;
        return true;
    }

    /// <summary>Formats a time as ASC writes it in English with am/pm and milliseconds: <c>Fri May 31 04:08:37.123 pm 2024</c>.</summary>
    public static string Format(long unixNs, TimeZoneInfo zone)
    {
        long ticks = Math.DivRem(unixNs, 100, out long rest);
        if (rest < 0) ticks--;
        var local = TimeZoneInfo.ConvertTimeFromUtc(new DateTime(DateTime.UnixEpoch.Ticks + ticks, DateTimeKind.Utc), zone);
        int hour12 = local.Hour % 12 == 0 ? 12 : local.Hour % 12;
        return string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{WeekdayNames[(int)local.DayOfWeek]} {EnglishMonths[local.Month - 1]} {local.Day:00} {hour12:00}:{local.Minute:00}:{local.Second:00}.{local.Millisecond:000} {(local.Hour < 12 ? "am" : "pm")} {local.Year:0000}");
    }

    private static bool TryMonth(ReadOnlySpan<byte> text, out int month)
    {
        month = 0;
        if (text.Length < 3) return false;
        // "März" in UTF-8 or Latin-1 (Windows logs): the second letter is not ASCII.
        if ((text[0] | 0x20) == 'm' && (text[1] == 0xE4 || (text[1] == 0xC3 && text[2] == 0xA4)))
        {
            month = 3;
            return true;
        }
        for (int i = 0; i < MonthNumbers.Length; i++)
        {
            var name = MonthNames.Slice(i * 3, 3);
            if ((text[0] | 0x20) == name[0] && (text[1] | 0x20) == name[1] && (text[2] | 0x20) == name[2])
            {
                month = MonthNumbers[i];
                return true;
            }
        }
        return false;
    }

    /// <summary>hh:mm:ss with an optional fraction of a second (any number of digits, up to ns kept).</summary>
    private static bool TryParseTime(ReadOnlySpan<byte> text, out int hour, out int minute, out int second, out long fractionNs)
    {
        hour = minute = second = 0;
        fractionNs = 0;
        int colon1 = text.IndexOf((byte)':');
        if (colon1 <= 0 || !Utf8Decimal.TryParse(text[..colon1], out hour)) return false;
        text = text[(colon1 + 1)..];
        int colon2 = text.IndexOf((byte)':');
        if (colon2 <= 0 || !Utf8Decimal.TryParse(text[..colon2], out minute)) return false;
        text = text[(colon2 + 1)..];
        int dot = text.IndexOf((byte)'.');
        if (!Utf8Decimal.TryParse(dot < 0 ? text : text[..dot], out second)) return false;
        if (dot < 0) return true;
        if (!DecimalSeconds.TryParse(text[dot..], out fractionNs)) return false;
        return fractionNs < TicksPerSecond * 100;
    }
}
