namespace EdgeAI.Services.OpeningHours;

/// <summary>A holiday calendar given as a plain set of dates, for regions without a computed calendar.</summary>
public sealed class HolidaySet : IHolidayCalendar
{
    private readonly HashSet<DateOnly> _dates;

    /// <summary>Creates a calendar whose holidays are exactly <paramref name="dates"/>.</summary>
    /// <param name="region">The ISO 3166-2 code of the region, such as <c>AT-9</c>.</param>
    /// <param name="dates">The holidays; duplicates are ignored.</param>
    public HolidaySet(string region, IEnumerable<DateOnly> dates)
    {
        ArgumentException.ThrowIfNullOrEmpty(region);
        ArgumentNullException.ThrowIfNull(dates);
        Region = region;
        _dates = new HashSet<DateOnly>(dates);
    }

    /// <inheritdoc />
    public string Region { get; }

    /// <summary>How many distinct dates the set holds.</summary>
    public int Count => _dates.Count;

    /// <inheritdoc />
    public bool IsPublicHoliday(DateOnly date) => _dates.Contains(date);
}
