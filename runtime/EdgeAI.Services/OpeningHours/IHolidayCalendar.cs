namespace EdgeAI.Services.OpeningHours;

/// <summary>The public holidays (<c>PH</c> in opening_hours) of one region.</summary>
/// <remarks>Implementations are called on the evaluation hot path: answer without allocating.</remarks>
public interface IHolidayCalendar
{
    /// <summary>The region these holidays apply to, as an ISO 3166-2 code such as <c>DE-BE</c>.</summary>
    string Region { get; }

    /// <summary>True when <paramref name="date"/> is a public holiday in <see cref="Region"/>.</summary>
    /// <param name="date">The local calendar date.</param>
    bool IsPublicHoliday(DateOnly date);
}
