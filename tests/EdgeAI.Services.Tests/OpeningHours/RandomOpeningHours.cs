using System.Text;

namespace EdgeAI.Services.Tests.OpeningHours;

/// <summary>
/// Seeded random opening_hours values over the grammar <see cref="EdgeAI.Services.OpeningHours.OpeningHoursRule"/>
/// supports (open ends excluded: their extent is a guess), and moments to ask about each: near its time boundaries,
/// after midnight, on Berlin holidays and at month and year ends.
/// </summary>
internal sealed class RandomOpeningHours(int seed)
{
    private static readonly string[] Weekdays = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"];
    private static readonly string[] Months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    // February stops at 28: opening_hours.js reads "Feb 29" in a common year as 1 March. Short ranges in February stop
    // at 27: it finds "Feb 10-28" closed on every day of a common year (a reference bug; "Feb 10-Feb 28" works).
    private static readonly int[] DaysInMonth = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    private static readonly string[] States = ["off", "closed", "open", "unknown"];

    /// <summary>Berlin holidays of 2026 and 2027, the days before and after some, and month and year ends.</summary>
    private static readonly DateTime[] SpecialDays =
    [
        new(2026, 1, 1), new(2026, 3, 8), new(2026, 3, 9), new(2026, 4, 3), new(2026, 4, 4), new(2026, 4, 6), new(2026, 4, 7),
        new(2026, 5, 1), new(2026, 5, 14), new(2026, 5, 25), new(2026, 5, 26), new(2026, 10, 3), new(2026, 10, 4),
        new(2026, 12, 24), new(2026, 12, 25), new(2026, 12, 26), new(2026, 12, 27), new(2026, 12, 31), new(2027, 1, 1),
        new(2027, 1, 2), new(2027, 3, 8), new(2027, 3, 9), new(2027, 3, 26), new(2027, 3, 29), new(2026, 3, 31),
        new(2026, 4, 1), new(2026, 2, 28), new(2026, 3, 1), new(2026, 11, 30), new(2026, 12, 1), new(2026, 6, 30),
    ];

    private readonly Random _random = new(seed);
    private readonly List<int> _boundaries = [];

    /// <summary>A rule of one to four parts and the moments to evaluate it at.</summary>
    public (string Rule, DateTime[] At) Next(int moments)
    {
        _boundaries.Clear();
        var text = new StringBuilder();
        var parts = 1 + _random.Next(4);
        var noCommaAfter = false;
        for (var p = 0; p < parts; p++)
        {
            var separator = p == 0 ? "" : Pick(("; ", 6), (", ", 2), (" || ", 2));
            // After a bare date selector a ',' would continue its list rather than start a rule.
            if (separator == ", " && noCommaAfter) separator = "; ";
            text.Append(separator);
            noCommaAfter = AppendRule(text, startWithDays: separator == ", ");
        }
        var at = new DateTime[moments];
        for (var i = 0; i < moments; i++) at[i] = Moment();
        return (text.ToString(), at);
    }

    /// <summary>Appends one rule; true when a ',' must not follow it (it ends with a date selector, or is 24/7).</summary>
    private bool AppendRule(StringBuilder text, bool startWithDays)
    {
        if (!startWithDays && _random.Next(25) == 0)
        {
            text.Append("24/7");
            if (_random.Next(4) == 0) text.Append(' ').Append(States[_random.Next(States.Length)]);
            return true; // "24/7, ..." is refused by the reference: no ',' after it
        }
        var pieces = new List<string>();
        var dates = !startWithDays && _random.Next(10) < 3;
        if (dates) pieces.Add(DateSelector());
        var days = startWithDays || _random.Next(10) < 7;
        if (days) pieces.Add(DaySelector());
        var times = _random.Next(10) < 8;
        if (times) pieces.Add(TimeSelector());
        var state = _random.Next(100) < 18;
        if (state) pieces.Add(States[_random.Next(States.Length)]);
        if (pieces.Count == 0)
        {
            pieces.Add(DaySelector());
            days = true;
        }
        text.Append(string.Join(' ', pieces));
        return dates && !days && !times && !state;
    }

    private string DateSelector()
    {
        var items = new List<string>();
        var monthDays = _random.Next(2) == 0;
        for (var n = 1 + (_random.Next(4) == 0 ? 1 : 0); n > 0; n--)
        {
            var m = _random.Next(12);
            if (!monthDays)
                items.Add(_random.Next(2) == 0 ? Months[m] : $"{Months[m]}-{Months[_random.Next(12)]}");
            else
            {
                var d = 1 + _random.Next(DaysInMonth[m]);
                var shape = _random.Next(4);
                if (shape == 0) items.Add($"{Months[m]} {d:00}");
                else if (shape <= 2)
                {
                    var last = m == 1 ? 27 : DaysInMonth[m];
                    d = Math.Min(d, last);
                    var to = d + _random.Next(last - d + 1);
                    items.Add($"{Months[m]} {d:00}-{to:00}");
                }
                else
                {
                    var m2 = _random.Next(12);
                    var d2 = 1 + _random.Next(DaysInMonth[m2]);
                    // A range ending the day before it starts covers the whole year; opening_hours.js finds it closed
                    // on every day (a reference bug), so the generator leaves that one out.
                    var (dayBeforeMonth, dayBefore) = d > 1 ? (m, d - 1) : ((m + 11) % 12, DaysInMonth[(m + 11) % 12]);
                    if (m2 == dayBeforeMonth && d2 == dayBefore) (m2, d2) = (m, d);
                    items.Add($"{Months[m]} {d:00}-{Months[m2]} {d2:00}");
                }
            }
        }
        return string.Join(',', items);
    }

    private string DaySelector()
    {
        var items = new List<string>();
        for (var n = 1 + _random.Next(3); n > 0; n--)
        {
            var kind = _random.Next(10);
            if (kind < 2) items.Add("PH");
            else if (kind < 5) items.Add(Weekdays[_random.Next(7)]);
            else items.Add($"{Weekdays[_random.Next(7)]}-{Weekdays[_random.Next(7)]}");
        }
        return string.Join(',', items);
    }

    private string TimeSelector()
    {
        var items = new List<string>();
        for (var n = 1 + _random.Next(3); n > 0; n--)
        {
            var start = _random.Next(96) * 15;
            int end;
            var shape = _random.Next(10);
            if (shape < 6) end = start + 15 * (1 + _random.Next((1440 - start) / 15)); // same day, up to 24:00
            else if (shape < 9) end = _random.Next(start / 15 + 1) * 15; // across midnight (or a whole day when equal)
            else end = 1440 + 15 * (1 + _random.Next(24)); // extended end past 24:00
            _boundaries.Add(start);
            _boundaries.Add(end % 1440);
            items.Add($"{start / 60:00}:{start % 60:00}-{end / 60:00}:{end % 60:00}");
        }
        return string.Join(',', items);
    }

    private DateTime Moment()
    {
        var day = _random.Next(3) == 0 ? new DateTime(2026, 1, 1).AddDays(_random.Next(730)) : SpecialDays[_random.Next(SpecialDays.Length)];
        int minute;
        var shape = _random.Next(10);
        if (shape < 6 && _boundaries.Count > 0) minute = Math.Clamp(_boundaries[_random.Next(_boundaries.Count)] + _random.Next(3) - 1, 0, 1439);
        else if (shape < 8) minute = _random.Next(180); // after midnight, where times from the day before reach
        else minute = _random.Next(1440);
        return day.AddMinutes(minute);
    }

    private string Pick(params (string Value, int Weight)[] choices)
    {
        var total = 0;
        foreach (var c in choices) total += c.Weight;
        var x = _random.Next(total);
        foreach (var c in choices)
        {
            if (x < c.Weight) return c.Value;
            x -= c.Weight;
        }
        return choices[^1].Value;
    }
}
