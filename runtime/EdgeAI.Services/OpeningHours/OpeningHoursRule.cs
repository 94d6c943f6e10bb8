using System.Diagnostics.CodeAnalysis;

namespace EdgeAI.Services.OpeningHours;

/// <summary>
/// An OSM <c>opening_hours</c> value, parsed once and evaluated at local date-times without allocating.
/// </summary>
/// <remarks>
/// <para>Supported: <c>24/7</c>; months and month ranges (<c>Jan-Mar</c>, <c>Nov-Feb</c>, <c>Dec</c>); days of the year
/// (<c>Dec 24</c>, <c>Dec 24-26</c>, <c>Dec 30-Jan 02</c>, <c>Dec 24,31</c>); weekdays, ranges and lists (<c>Mo-Fr</c>,
/// <c>Sa,Su</c>, <c>Fr-Mo</c>) and <c>PH</c> in the same list; time ranges and lists up to 24:00, ends up to 48:00 and
/// ranges across midnight (<c>Fr 18:00-02:00</c> is open on Saturday until 02:00); <c>open</c>, <c>off</c>,
/// <c>closed</c> and <c>unknown</c>; rules separated by <c>;</c> (a rule naming a day replaces what earlier rules said
/// about that day), <c>,</c> (adds to the rules before) and <c>||</c> (applies where the rules before say closed).
/// The semantics follow the reference evaluator, opening_hours.js.</para>
/// <para>An open end (<c>18:00+</c>) evaluates to <see cref="OpeningState.Unknown"/> from its start to midnight.
/// Anything else (comments, week numbers, years, school holidays, sunrise and sunset, <c>PH Mo-Fr</c> conjunctions)
/// does not parse: it gets an error, never a guess.</para>
/// <para>Moments are local wall-clock times of the place (<see cref="DateTimeKind.Unspecified"/> or
/// <see cref="DateTimeKind.Local"/>); seconds are ignored, as in the reference.</para>
/// </remarks>
public sealed class OpeningHoursRule
{
    private const int MinutesPerDay = 1440;

    private readonly CompiledRule[] _rules;
    private readonly bool _usesHolidays;
    // Minutes of the day at which some rule's time range begins or ends, sorted, with 0: the state can change only there.
    private readonly short[] _boundaries;

    private OpeningHoursRule(string text, List<CompiledRule> rules)
    {
        Text = text;
        _rules = [.. rules];
        var boundaries = new SortedSet<short> { 0 };
        foreach (var r in _rules)
        {
            _usesHolidays |= r.PublicHoliday;
            foreach (var t in r.Times)
            {
                boundaries.Add(t.Start);
                if (t.End < MinutesPerDay) boundaries.Add(t.End);
            }
        }
        _boundaries = [.. boundaries];
    }

    /// <summary>The opening_hours value as given.</summary>
    public string Text { get; }

    /// <summary>Whether the value uses <c>PH</c>, so that evaluating it needs a holiday calendar.</summary>
    public bool UsesPublicHolidays => _usesHolidays;

    /// <summary>Parses an opening_hours value.</summary>
    /// <param name="text">The value, such as <c>Mo-Fr 08:00-18:00; PH off</c>.</param>
    /// <param name="rule">The parsed rule, or null when <paramref name="text"/> is outside the supported grammar.</param>
    /// <param name="error">Null on success; otherwise what was expected at which character position.</param>
    /// <returns>True when <paramref name="text"/> was parsed.</returns>
    public static bool TryParse(string text, [NotNullWhen(true)] out OpeningHoursRule? rule, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        var rules = OpeningHoursParser.TryParse(text, out var failure);
        if (rules is null)
        {
            rule = null;
            error = failure!.Message;
            return false;
        }
        rule = new OpeningHoursRule(text, rules);
        error = null;
        return true;
    }

    /// <summary>Parses an opening_hours value, throwing when it is outside the supported grammar.</summary>
    /// <param name="text">The value, such as <c>Mo-Fr 08:00-18:00; PH off</c>.</param>
    /// <exception cref="OpeningHoursFormatException">The value cannot be parsed; says what was expected where.</exception>
    public static OpeningHoursRule Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var rules = OpeningHoursParser.TryParse(text, out var failure);
        return rules is null ? throw failure! : new OpeningHoursRule(text, rules);
    }

    /// <summary>
    /// The state at a local moment. Returns <see cref="OpeningState.Unknown"/> for a rule that uses <c>PH</c> when no
    /// <paramref name="holidays"/> are given.
    /// </summary>
    /// <param name="localTime">Local wall-clock time of the place; not UTC.</param>
    /// <param name="holidays">The public holidays of the place's region, or null.</param>
    /// <exception cref="ArgumentException"><paramref name="localTime"/> is UTC.</exception>
    public OpeningState StateAt(DateTime localTime, IHolidayCalendar? holidays = null)
    {
        RequireLocal(localTime);
        return Evaluate(DateOnly.FromDateTime(localTime), localTime.Hour * 60 + localTime.Minute, holidays);
    }

    /// <summary>
    /// True when the place is open for the whole of <c>[localStart, localStart + duration)</c>: open on arrival and
    /// not closing (or turning unknown) before the duration is over.
    /// </summary>
    /// <param name="localStart">Local wall-clock arrival time; not UTC.</param>
    /// <param name="duration">How long it must stay open; not negative.</param>
    /// <param name="holidays">The public holidays of the place's region, or null.</param>
    /// <exception cref="ArgumentException"><paramref name="localStart"/> is UTC.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="duration"/> is negative.</exception>
    public bool IsOpenThrough(DateTime localStart, TimeSpan duration, IHolidayCalendar? holidays = null)
    {
        RequireLocal(localStart);
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, TimeSpan.Zero);
        var date = DateOnly.FromDateTime(localStart);
        var minute = localStart.Hour * 60 + localStart.Minute;
        if (Evaluate(date, minute, holidays) != OpeningState.Open) return false;
        var end = localStart + duration;
        for (var day = date; ; day = day.AddDays(1))
        {
            var midnight = day.ToDateTime(TimeOnly.MinValue);
            foreach (var b in _boundaries)
            {
                if (day == date && b <= minute) continue;
                if (midnight.AddMinutes(b) >= end) return true;
                if (Evaluate(day, b, holidays) != OpeningState.Open) return false;
            }
        }
    }

    /// <summary>The next local moment after <paramref name="localTime"/> at which the state differs from now, or null when it stays the same for <paramref name="horizonDays"/> days.</summary>
    /// <param name="localTime">Local wall-clock time of the place; not UTC.</param>
    /// <param name="holidays">The public holidays of the place's region, or null.</param>
    /// <param name="horizonDays">How many days ahead to look; a year and a day covers every rule this parser reads.</param>
    /// <exception cref="ArgumentException"><paramref name="localTime"/> is UTC.</exception>
    public DateTime? NextChange(DateTime localTime, IHolidayCalendar? holidays = null, int horizonDays = 367)
    {
        RequireLocal(localTime);
        ArgumentOutOfRangeException.ThrowIfNegative(horizonDays);
        var date = DateOnly.FromDateTime(localTime);
        var minute = localTime.Hour * 60 + localTime.Minute;
        var now = Evaluate(date, minute, holidays);
        for (var k = 0; k <= horizonDays; k++)
        {
            var day = date.AddDays(k);
            foreach (var b in _boundaries)
            {
                if (k == 0 && b <= minute) continue;
                if (Evaluate(day, b, holidays) != now) return day.ToDateTime(TimeOnly.MinValue).AddMinutes(b);
            }
        }
        return null;
    }

    /// <inheritdoc />
    public override string ToString() => Text;

    private OpeningState Evaluate(DateOnly date, int minute, IHolidayCalendar? holidays)
    {
        var yesterday = date == DateOnly.MinValue ? date : date.AddDays(-1);
        bool holidayToday = false, holidayYesterday = false;
        if (_usesHolidays)
        {
            if (holidays is null) return OpeningState.Unknown;
            holidayToday = holidays.IsPublicHoliday(date);
            holidayYesterday = holidays.IsPublicHoliday(yesterday);
        }
        // The last rule matching this day that replaces the ones before; evaluation starts there.
        var from = 0;
        for (var i = 0; i < _rules.Length; i++)
        {
            var r = _rules[i];
            if (r.Resets && r.MatchesDate(date, holidayToday)) from = i;
        }
        var state = OpeningState.Closed;
        for (var i = from; i < _rules.Length; i++)
        {
            var r = _rules[i];
            if (!(r.Wrapped ? r.MatchesDate(yesterday, holidayYesterday) : r.MatchesDate(date, holidayToday))) continue;
            if (r.Times.Length == 0)
            {
                if (!r.Fallback || state == OpeningState.Closed) state = r.State;
                continue;
            }
            foreach (var t in r.Times)
            {
                if (!t.Contains(minute) || (r.Fallback && state != OpeningState.Closed)) continue;
                state = t.OpenEnd && r.State != OpeningState.Closed ? OpeningState.Unknown : r.State;
            }
        }
        return state;
    }

    private static void RequireLocal(DateTime time)
    {
        if (time.Kind == DateTimeKind.Utc)
            throw new ArgumentException("opening hours are evaluated at the place's local wall-clock time, not UTC", nameof(time));
    }
}
