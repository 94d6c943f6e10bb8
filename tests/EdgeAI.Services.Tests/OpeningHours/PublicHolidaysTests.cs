using EdgeAI.Services.OpeningHours;

namespace EdgeAI.Services.Tests.OpeningHours;

public class PublicHolidaysTests
{
    [Theory]
    [InlineData(2024, 3, 31)]
    [InlineData(2025, 4, 20)]
    [InlineData(2026, 4, 5)]
    [InlineData(2027, 3, 28)]
    [InlineData(2038, 4, 25)] // the latest possible date
    [InlineData(2285, 3, 22)] // the earliest possible date
    public void EasterSunday_KnownYears_MatchesTheChurchCalendar(int year, int month, int day) =>
        Assert.Equal(new DateOnly(year, month, day), PublicHolidays.EasterSunday(year));

    [Fact]
    public void Berlin2026_HasItsTenHolidays()
    {
        var found = new List<DateOnly>();
        for (var d = new DateOnly(2026, 1, 1); d.Year == 2026; d = d.AddDays(1))
            if (PublicHolidays.Berlin.IsPublicHoliday(d)) found.Add(d);
        DateOnly[] expected =
        [
            new(2026, 1, 1), new(2026, 3, 8), new(2026, 4, 3), new(2026, 4, 6), new(2026, 5, 1), new(2026, 5, 14),
            new(2026, 5, 25), new(2026, 10, 3), new(2026, 12, 25), new(2026, 12, 26),
        ];
        Assert.Equal(expected, found);
    }

    [Fact]
    public void Berlin_Frauentag_IsAHolidayFrom2019On()
    {
        Assert.False(PublicHolidays.Berlin.IsPublicHoliday(new DateOnly(2018, 3, 8)));
        Assert.True(PublicHolidays.Berlin.IsPublicHoliday(new DateOnly(2019, 3, 8)));
    }

    [Fact]
    public void HolidaySet_PlugsInAnotherRegionsDates()
    {
        var vienna = new HolidaySet("AT-9", [new DateOnly(2026, 12, 8)]);
        var rule = OpeningHoursRule.Parse("Mo-Sa 09:00-18:00; PH off");
        Assert.Equal(OpeningState.Closed, rule.StateAt(new DateTime(2026, 12, 8, 10, 0, 0), vienna));
        Assert.Equal(OpeningState.Open, rule.StateAt(new DateTime(2026, 12, 8, 10, 0, 0), PublicHolidays.Berlin));
    }
}
