namespace EdgeAI.Services.OpeningHours;

/// <summary>
/// Reads the supported subset of the OSM opening_hours grammar into <see cref="CompiledRule"/>s:
/// <c>rule { (";" | "," | "||") rule }</c>, where a rule is <c>24/7</c> or
/// <c>[months | month days] [weekdays and PH] [time ranges] [open | off | closed | unknown]</c>.
/// </summary>
/// <remarks>
/// A <c>,</c> continues the list it stands in when the next item is of the same kind (<c>Mo,We</c>, <c>10:00-12:00,13:00-18:00</c>)
/// and otherwise starts an additional rule (<c>Mo 10:00-12:00, We 14:00-16:00</c>), as the reference evaluator reads it.
/// </remarks>
internal sealed class OpeningHoursParser
{
    private static readonly string[] WeekdayNames = ["Su", "Mo", "Tu", "We", "Th", "Fr", "Sa"];
    private static readonly string[] MonthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    private static readonly int[] DaysInMonth = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

    private readonly string _text;
    private int _pos;

    private OpeningHoursParser(string text) => _text = text;

    /// <summary>The rules of <paramref name="text"/>, or null with <paramref name="error"/> saying what was expected where.</summary>
    public static List<CompiledRule>? TryParse(string text, out OpeningHoursFormatException? error)
    {
        var parser = new OpeningHoursParser(text);
        try
        {
            error = null;
            return parser.ParseAll();
        }
        catch (OpeningHoursFormatException e)
        {
            error = e;
            return null;
        }
    }

    private List<CompiledRule> ParseAll()
    {
        var rules = new List<CompiledRule>();
        var additional = false;
        var fallback = false;
        SkipSpace();
        if (AtEnd) throw Expected("a rule");
        while (true)
        {
            SkipSpace();
            if (!AtEnd && !AtRuleSeparator()) ParseRule(rules, additional, fallback);
            SkipSpace();
            if (AtEnd) break;
            if (Peek(0) == ';') { _pos++; additional = false; fallback = false; }
            else if (Peek(0) == '|' && Peek(1) == '|') { _pos += 2; additional = false; fallback = true; }
            else if (Peek(0) == ',') { _pos++; additional = true; }
            else throw Expected("';', ',' or '||' between rules");
        }
        if (rules.Count == 0) throw new OpeningHoursFormatException(_text, 0, "a rule");
        // Which rules replace earlier ones for their days: a rule with date selectors that sets open or unknown, and a
        // rule without them that sets open right after a rule without them. "off" rules and additional, fallback and
        // after-midnight rules only add to what came before.
        for (var i = 0; i < rules.Count; i++)
        {
            var r = rules[i];
            r.Resets = (r.HasDate || (i > 0 && r.State == OpeningState.Open && !rules[i - 1].HasDate))
                && r.State != OpeningState.Closed && !r.Wrapped && !r.Additional && !r.Fallback;
        }
        return rules;
    }

    private void ParseRule(List<CompiledRule> rules, bool additional, bool fallback)
    {
        var state = OpeningState.Open;
        List<TimeRange> times = [], wrapTimes = [];
        bool hasDays = false, holiday = false, hasMonths = false;
        byte weekdays = 0;
        ushort months = 0;
        List<MonthDayRange>? monthDays = null;

        if (string.CompareOrdinal(_text, _pos, "24/7", 0, 4) == 0)
        {
            _pos += 4;
            times.Add(new TimeRange(0, 1440, false));
            SkipSpace();
            // The reference refuses "24/7, Mo 10:00-12:00"; reading it some other way would be a guess.
            if (Peek(0) == ',') throw Expected("';', '||', a state or the end after 24/7");
        }
        else
        {
            var start = _pos;
            if (MonthAt(_pos) >= 0) ParseDates(ref hasMonths, ref months, ref monthDays);
            SkipSpace();
            if (WeekdayAt(_pos) >= 0 || IsWord("PH"))
            {
                hasDays = true;
                ParseDays(ref weekdays, ref holiday);
            }
            SkipSpace();
            if (IsDigit(Peek(0))) ParseTimes(times, wrapTimes);
            if (_pos == start && !StateWordAhead())
                throw Expected("a month, weekday, PH, time, '24/7', 'open', 'off', 'closed' or 'unknown'");
        }
        SkipSpace();
        if (StateWordAhead()) state = ParseState();
        SkipSpace();
        if (!AtEnd && !AtRuleSeparator())
            throw Expected(times.Count > 0 ? "',', ';', '||' or the end after the time ranges" : "a time range, ';', ',', '||' or the end");

        var rule = new CompiledRule
        {
            State = state,
            Times = [.. times],
            Additional = additional,
            Fallback = fallback,
            HasDaySelector = hasDays,
            WeekdayMask = weekdays,
            PublicHoliday = holiday,
            HasMonthSelector = hasMonths,
            MonthMask = months,
            MonthDays = monthDays is null ? null : [.. monthDays],
        };
        rules.Add(rule);
        if (wrapTimes.Count > 0) rules.Add(rule.WrappedTwin([.. wrapTimes]));
    }

    private void ParseDates(ref bool hasMonths, ref ushort months, ref List<MonthDayRange>? monthDays)
    {
        while (true)
        {
            var month = ParseMonth();
            SkipSpace();
            if (IsDigit(Peek(0)) && !TimeAhead())
            {
                var day = ParseDay(month);
                var from = (short)(month * 100 + day);
                var to = from;
                SkipSpace();
                if (Peek(0) == '-')
                {
                    _pos++;
                    SkipSpace();
                    // "Dec 30-Jan 02" and "Mar 31-Mar 02" run over New Year; "Mar 10-02" is a range in the wrong order.
                    var namesMonth = MonthAt(_pos) >= 0;
                    var toMonth = namesMonth ? ParseMonth() : month;
                    SkipSpace();
                    var toAt = _pos;
                    to = (short)(toMonth * 100 + ParseDay(toMonth));
                    if (!namesMonth && to < from) throw Expected($"a day from {day} on", toAt);
                }
                (monthDays ??= []).Add(new MonthDayRange(from, to));
                // "Dec 24,31": a bare day after the comma belongs to the same month.
                while (ListContinues(p => IsDigit(CharAt(p)) && !TimeAheadAt(p)))
                {
                    SkipSpace();
                    var more = (short)(month * 100 + ParseDay(month));
                    monthDays.Add(new MonthDayRange(more, more));
                }
            }
            else
            {
                hasMonths = true;
                var last = month;
                if (Peek(0) == '-')
                {
                    _pos++;
                    SkipSpace();
                    last = ParseMonth();
                }
                for (var m = month; ; m = m % 12 + 1)
                {
                    months |= (ushort)(1 << m);
                    if (m == last) break;
                }
            }
            if (!ListContinues(p => MonthAt(p) >= 0)) return;
            SkipSpace();
        }
    }

    private void ParseDays(ref byte weekdays, ref bool holiday)
    {
        while (true)
        {
            if (IsWord("PH"))
            {
                _pos += 2;
                holiday = true;
            }
            else
            {
                var first = ParseWeekday();
                var last = first;
                SkipSpace();
                if (Peek(0) == '-')
                {
                    _pos++;
                    SkipSpace();
                    last = ParseWeekday();
                }
                for (var d = first; ; d = (d + 1) % 7)
                {
                    weekdays |= (byte)(1 << d);
                    if (d == last) break;
                }
            }
            if (!ListContinues(p => WeekdayAt(p) >= 0 || IsWordAt(p, "PH"))) return;
            SkipSpace();
        }
    }

    private void ParseTimes(List<TimeRange> times, List<TimeRange> wrapTimes)
    {
        while (true)
        {
            var startAt = _pos;
            var start = ParseTime();
            if (start >= 1440) throw Expected("a start time before 24:00", startAt);
            SkipSpace();
            if (Peek(0) == '+')
            {
                _pos++;
                times.Add(new TimeRange((short)start, 1440, true));
            }
            else
            {
                if (Peek(0) != '-') throw Expected("'-' or '+' after the start time");
                _pos++;
                SkipSpace();
                var endAt = _pos;
                var end = ParseTime();
                if (end > 2880) throw Expected("an end time up to 48:00", endAt);
                SkipSpace();
                var openEnd = false;
                if (Peek(0) == '+') { _pos++; openEnd = true; }
                // An end at or before the start, or past 24:00, runs into the next day.
                if (end > start && end <= 1440) times.Add(new TimeRange((short)start, (short)end, openEnd));
                else
                {
                    times.Add(new TimeRange((short)start, 1440, openEnd));
                    wrapTimes.Add(new TimeRange(0, (short)(end > 1440 ? end - 1440 : end), openEnd));
                }
            }
            if (!ListContinues(p => IsDigit(CharAt(p)))) return;
            SkipSpace();
        }
    }

    private OpeningState ParseState()
    {
        foreach (var (word, state) in (ReadOnlySpan<(string, OpeningState)>)[("open", OpeningState.Open), ("off", OpeningState.Closed), ("closed", OpeningState.Closed), ("unknown", OpeningState.Unknown)])
            if (IsWord(word)) { _pos += word.Length; return state; }
        throw Expected("'open', 'off', 'closed' or 'unknown'");
    }

    private int ParseTime()
    {
        var hour = ParseNumber(2, "an hour (00 to 24, or up to 48 for an end)");
        if (Peek(0) != ':') throw Expected("':' between hours and minutes");
        _pos++;
        var at = _pos;
        if (!IsDigit(Peek(0)) || !IsDigit(Peek(1))) throw Expected("two digits of minutes");
        var minute = ParseNumber(2, "minutes");
        if (minute > 59) throw Expected("minutes from 00 to 59", at);
        var total = hour * 60 + minute;
        return total;
    }

    private int ParseDay(int month)
    {
        var at = _pos;
        var day = ParseNumber(2, "a day of the month");
        if (day < 1 || day > DaysInMonth[month - 1]) throw Expected($"a day of {MonthNames[month - 1]} (1 to {DaysInMonth[month - 1]})", at);
        return day;
    }

    private int ParseNumber(int maxDigits, string what)
    {
        if (!IsDigit(Peek(0))) throw Expected(what);
        var value = 0;
        for (var n = 0; n < maxDigits && IsDigit(Peek(0)); n++) value = value * 10 + (_text[_pos++] - '0');
        if (IsDigit(Peek(0))) throw Expected(what);
        return value;
    }

    private int ParseMonth()
    {
        var m = MonthAt(_pos);
        if (m < 0) throw Expected("a month (Jan to Dec)");
        _pos += 3;
        return m + 1;
    }

    private int ParseWeekday()
    {
        var d = WeekdayAt(_pos);
        if (d < 0) throw Expected("a weekday (Mo to Su) or PH");
        _pos += 2;
        return d;
    }

    /// <summary>Consumes a ',' (and the spaces around it) when what follows it satisfies <paramref name="nextItem"/>.</summary>
    private bool ListContinues(Func<int, bool> nextItem)
    {
        var p = _pos;
        while (p < _text.Length && _text[p] == ' ') p++;
        if (CharAt(p) != ',') return false;
        p++;
        while (p < _text.Length && _text[p] == ' ') p++;
        if (!nextItem(p)) return false;
        _pos = p;
        return true;
    }

    private int MonthAt(int p)
    {
        for (var i = 0; i < MonthNames.Length; i++)
            if (IsWordAt(p, MonthNames[i])) return i;
        return -1;
    }

    private int WeekdayAt(int p)
    {
        for (var i = 0; i < WeekdayNames.Length; i++)
            if (IsWordAt(p, WeekdayNames[i])) return i;
        return -1;
    }

    private bool StateWordAhead() => IsWord("open") || IsWord("off") || IsWord("closed") || IsWord("unknown");

    private bool TimeAhead() => TimeAheadAt(_pos);

    private bool TimeAheadAt(int p)
    {
        while (IsDigit(CharAt(p))) p++;
        return CharAt(p) == ':';
    }

    private bool IsWord(string word) => IsWordAt(_pos, word);

    /// <summary>The word at <paramref name="p"/> is exactly <paramref name="word"/> (ignoring case), not the start of a longer one.</summary>
    private bool IsWordAt(int p, string word) =>
        p + word.Length <= _text.Length
        && string.Compare(_text, p, word, 0, word.Length, StringComparison.OrdinalIgnoreCase) == 0
        && !char.IsAsciiLetter(CharAt(p + word.Length));

    private bool AtRuleSeparator() => Peek(0) == ';' || Peek(0) == ',' || (Peek(0) == '|' && Peek(1) == '|');

    private bool AtEnd => _pos >= _text.Length;

    private char Peek(int ahead) => CharAt(_pos + ahead);

    private char CharAt(int p) => p < _text.Length ? _text[p] : '\0';

    private static bool IsDigit(char c) => c is >= '0' and <= '9';

    private void SkipSpace()
    {
        while (_pos < _text.Length && _text[_pos] == ' ') _pos++;
    }

    private OpeningHoursFormatException Expected(string what, int? at = null) => new(_text, at ?? _pos, what);
}
