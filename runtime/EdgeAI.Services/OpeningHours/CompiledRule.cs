namespace EdgeAI.Services.OpeningHours;

/// <summary>
/// One rule of an opening_hours value, ready to evaluate: its date selectors (conjunction of the kinds present,
/// disjunction within a kind), its time ranges (none: the whole day) and the state it sets.
/// </summary>
/// <remarks>
/// A rule whose times run past midnight is followed by a <see cref="Wrapped"/> twin holding the part after midnight;
/// the twin matches a day when the day before matches the original's selectors.
/// </remarks>
internal sealed class CompiledRule
{
    public required OpeningState State { get; init; }
    public required TimeRange[] Times { get; init; }

    /// <summary>Separated from the rule before by <c>,</c>: adds to it, never replaces it.</summary>
    public bool Additional { get; init; }

    /// <summary>After <c>||</c>: applies only where the rules before left the moment closed.</summary>
    public bool Fallback { get; init; }

    /// <summary>The after-midnight part of the rule before.</summary>
    public bool Wrapped { get; init; }

    /// <summary>Weekdays (bit = <see cref="DayOfWeek"/>) and PH: present when the rule has a weekday selector.</summary>
    public bool HasDaySelector { get; init; }
    public byte WeekdayMask { get; init; }
    public bool PublicHoliday { get; init; }

    /// <summary>Months (bit = month number, 1 to 12): present when the rule has a month selector.</summary>
    public bool HasMonthSelector { get; init; }
    public ushort MonthMask { get; init; }

    /// <summary>Day ranges of the year; null when the rule has none.</summary>
    public MonthDayRange[]? MonthDays { get; init; }

    /// <summary>Whether a day this rule matches replaces what earlier rules said about that day (set once all rules are known).</summary>
    public bool Resets { get; set; }

    public bool HasDate => HasDaySelector || HasMonthSelector || MonthDays is not null;

    public bool MatchesDate(DateOnly date, bool isPublicHoliday)
    {
        if (HasMonthSelector && (MonthMask & (1 << date.Month)) == 0) return false;
        if (MonthDays is { } ranges)
        {
            var key = date.Month * 100 + date.Day;
            var any = false;
            foreach (var r in ranges)
                if (r.Contains(key)) { any = true; break; }
            if (!any) return false;
        }
        if (HasDaySelector && (WeekdayMask & (1 << (int)date.DayOfWeek)) == 0 && !(PublicHoliday && isPublicHoliday)) return false;
        return true;
    }

    public CompiledRule WrappedTwin(TimeRange[] times) => new()
    {
        State = State,
        Times = times,
        Wrapped = true,
        HasDaySelector = HasDaySelector,
        WeekdayMask = WeekdayMask,
        PublicHoliday = PublicHoliday,
        HasMonthSelector = HasMonthSelector,
        MonthMask = MonthMask,
        MonthDays = MonthDays,
    };
}
