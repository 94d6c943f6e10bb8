namespace EdgeAI.Services.OpeningHours;

/// <summary>
/// The statutory public holidays of Berlin, Germany (DE-BE), computed for any Gregorian year: the nine nationwide
/// days, Internationaler Frauentag (Berlin, since 2019) and the one-off Tag der Befreiung on 8 May 2020 and 2025.
/// </summary>
public sealed class PublicHolidays : IHolidayCalendar
{
    private PublicHolidays() { }

    /// <summary>Berlin's calendar.</summary>
    public static PublicHolidays Berlin { get; } = new();

    /// <inheritdoc />
    public string Region => "DE-BE";

    /// <inheritdoc />
    public bool IsPublicHoliday(DateOnly date)
    {
        int month = date.Month, day = date.Day, year = date.Year;
        switch (month)
        {
            case 1 when day == 1: return true; // Neujahr
            case 3 when day == 8: return year >= 2019; // Internationaler Frauentag, a Berlin holiday since 2019
            case 5 when day == 1: return true; // Tag der Arbeit
            case 5 when day == 8 && (year == 2020 || year == 2025): return true; // Tag der Befreiung, 75th and 80th anniversary
            case 10 when day == 3: return true; // Tag der Deutschen Einheit
            case 12 when day is 25 or 26: return true; // 1. and 2. Weihnachtstag
        }
        if (month < 3 || month > 6) return false; // the Easter-bound days fall between 20 March and 14 June
        var fromEaster = date.DayNumber - EasterSunday(year).DayNumber;
        // Karfreitag, Ostermontag, Christi Himmelfahrt, Pfingstmontag
        return fromEaster is -2 or 1 or 39 or 50;
    }

    /// <summary>Easter Sunday of a Gregorian year, by the anonymous Gregorian computus (Meeus/Jones/Butcher).</summary>
    /// <param name="year">A year from 1583 on.</param>
    public static DateOnly EasterSunday(int year)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 1583);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 9999);
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = (19 * a + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + 2 * e + 2 * i - h - k) % 7;
        var m = (a + 11 * h + 22 * l) / 451;
        var month = (h + l - 7 * m + 114) / 31;
        var day = (h + l - 7 * m + 114) % 31 + 1;
        return new DateOnly(year, month, day);
    }
}
