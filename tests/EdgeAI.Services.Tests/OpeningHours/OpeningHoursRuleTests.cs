using EdgeAI.Services.OpeningHours;

namespace EdgeAI.Services.Tests.OpeningHours;

public class OpeningHoursRuleTests
{
    private static readonly IHolidayCalendar Berlin = PublicHolidays.Berlin;

    private static DateTime At(int y, int mo, int d, int h, int mi) => new(y, mo, d, h, mi, 0, DateTimeKind.Unspecified);

    [Fact]
    public void StateAt_FridayUntilTwo_IsOpenEarlySaturdayAndClosedAfterTwo()
    {
        var rule = OpeningHoursRule.Parse("Fr 18:00-02:00");
        Assert.Equal(OpeningState.Open, rule.StateAt(At(2026, 4, 10, 23, 0))); // Friday
        Assert.Equal(OpeningState.Open, rule.StateAt(At(2026, 4, 11, 1, 0))); // Saturday 01:00
        Assert.Equal(OpeningState.Closed, rule.StateAt(At(2026, 4, 11, 3, 0)));
        Assert.Equal(OpeningState.Closed, rule.StateAt(At(2026, 4, 10, 1, 0))); // Friday 01:00: Thursday had no hours
    }

    [Fact]
    public void StateAt_PhOff_ClosesOnKarfreitag()
    {
        var rule = OpeningHoursRule.Parse("Mo-Fr 08:00-18:00; PH off");
        Assert.Equal(OpeningState.Closed, rule.StateAt(At(2026, 4, 3, 10, 0), Berlin)); // Karfreitag
        Assert.Equal(OpeningState.Open, rule.StateAt(At(2026, 4, 2, 10, 0), Berlin));
        Assert.Equal(OpeningState.Closed, rule.StateAt(At(2026, 5, 25, 10, 0), Berlin)); // Pfingstmontag
    }

    [Fact]
    public void StateAt_PhHours_ReplaceTheWeekdayHoursOnHolidays()
    {
        var rule = OpeningHoursRule.Parse("Mo-Sa 09:00-20:00; PH 10:00-14:00");
        Assert.Equal(OpeningState.Closed, rule.StateAt(At(2026, 12, 25, 9, 30), Berlin));
        Assert.Equal(OpeningState.Open, rule.StateAt(At(2026, 12, 25, 13, 59), Berlin));
        Assert.Equal(OpeningState.Closed, rule.StateAt(At(2026, 12, 25, 14, 0), Berlin));
        Assert.Equal(OpeningState.Open, rule.StateAt(At(2026, 12, 24, 19, 0), Berlin));
    }

    [Fact]
    public void StateAt_RuleWithPhButNoCalendar_IsUnknown()
    {
        var rule = OpeningHoursRule.Parse("Mo-Fr 08:00-18:00; PH off");
        Assert.True(rule.UsesPublicHolidays);
        Assert.Equal(OpeningState.Unknown, rule.StateAt(At(2026, 4, 2, 10, 0)));
    }

    [Fact]
    public void StateAt_DayOffAfterDailyHours_OverridesThatDayOnly()
    {
        var rule = OpeningHoursRule.Parse("Mo-Su 10:00-20:00; Dec 24 off");
        Assert.Equal(OpeningState.Closed, rule.StateAt(At(2026, 12, 24, 12, 0)));
        Assert.Equal(OpeningState.Open, rule.StateAt(At(2026, 12, 23, 12, 0)));
        Assert.Equal(OpeningState.Open, rule.StateAt(At(2027, 12, 25, 12, 0)));
    }

    [Fact]
    public void StateAt_LaterRule_ReplacesEarlierHoursForTheDaysItNames()
    {
        var rule = OpeningHoursRule.Parse("Mo-Fr 08:00-18:00; We 10:00-12:00");
        Assert.Equal(OpeningState.Closed, rule.StateAt(At(2026, 4, 8, 9, 0))); // Wednesday
        Assert.Equal(OpeningState.Open, rule.StateAt(At(2026, 4, 8, 11, 0)));
        Assert.Equal(OpeningState.Closed, rule.StateAt(At(2026, 4, 8, 13, 0)));
        Assert.Equal(OpeningState.Open, rule.StateAt(At(2026, 4, 9, 9, 0))); // Thursday keeps the first rule
    }

    [Fact]
    public void StateAt_AdditionalRule_AddsToTheRuleBefore()
    {
        var rule = OpeningHoursRule.Parse("Mo-Fr 08:00-12:00, We 14:00-18:00");
        Assert.Equal(OpeningState.Open, rule.StateAt(At(2026, 4, 8, 9, 0)));
        Assert.Equal(OpeningState.Open, rule.StateAt(At(2026, 4, 8, 15, 0)));
        Assert.Equal(OpeningState.Closed, rule.StateAt(At(2026, 4, 9, 15, 0)));
    }

    [Fact]
    public void StateAt_FallbackRule_AppliesOnlyWhereTheRulesBeforeSayClosed()
    {
        var rule = OpeningHoursRule.Parse("Mo-Fr 08:00-12:00 || Sa 10:00-11:00 || unknown");
        Assert.Equal(OpeningState.Open, rule.StateAt(At(2026, 4, 6, 11, 0)));
        Assert.Equal(OpeningState.Open, rule.StateAt(At(2026, 4, 11, 10, 30)));
        Assert.Equal(OpeningState.Unknown, rule.StateAt(At(2026, 4, 11, 12, 0)));
    }

    [Fact]
    public void StateAt_TwentyFourSeven_IsAlwaysOpen()
    {
        var rule = OpeningHoursRule.Parse("24/7");
        Assert.Equal(OpeningState.Open, rule.StateAt(At(2026, 1, 1, 0, 0)));
        Assert.Equal(OpeningState.Open, rule.StateAt(At(2026, 12, 31, 23, 59)));
        Assert.Null(rule.NextChange(At(2026, 6, 1, 12, 0), horizonDays: 30));
    }

    [Fact]
    public void StateAt_MonthRangeAcrossNewYear_CoversDecemberToFebruary()
    {
        var rule = OpeningHoursRule.Parse("Nov-Feb Sa,Su 10:00-16:00");
        Assert.Equal(OpeningState.Open, rule.StateAt(At(2027, 1, 2, 12, 0))); // Saturday in January
        Assert.Equal(OpeningState.Closed, rule.StateAt(At(2027, 3, 6, 12, 0))); // Saturday in March
    }

    [Fact]
    public void StateAt_DayRangeEndingInAnEarlierMonth_RunsOverNewYear()
    {
        var rule = OpeningHoursRule.Parse("Dec 30-Jan 02 10:00-12:00");
        Assert.Equal(OpeningState.Open, rule.StateAt(At(2026, 12, 31, 11, 0)));
        Assert.Equal(OpeningState.Open, rule.StateAt(At(2027, 1, 2, 11, 0)));
        Assert.Equal(OpeningState.Closed, rule.StateAt(At(2027, 1, 3, 11, 0)));
        var allButMarch = OpeningHoursRule.Parse("Mar 31-Mar 02");
        Assert.Equal(OpeningState.Open, allButMarch.StateAt(At(2026, 12, 31, 11, 0)));
        Assert.Equal(OpeningState.Closed, allButMarch.StateAt(At(2026, 3, 15, 11, 0)));
    }

    [Fact]
    public void StateAt_EndAtTwentyFour_IsOpenAtTheLastMinuteOnly()
    {
        var rule = OpeningHoursRule.Parse("Mo 10:00-24:00");
        Assert.Equal(OpeningState.Open, rule.StateAt(At(2026, 4, 6, 23, 59)));
        Assert.Equal(OpeningState.Closed, rule.StateAt(At(2026, 4, 7, 0, 0)));
    }

    [Fact]
    public void StateAt_OpenEnd_IsUnknownNotOpen()
    {
        var rule = OpeningHoursRule.Parse("Mo-Sa 18:00+");
        Assert.Equal(OpeningState.Closed, rule.StateAt(At(2026, 4, 6, 17, 0)));
        Assert.Equal(OpeningState.Unknown, rule.StateAt(At(2026, 4, 6, 19, 0)));
    }

    [Theory]
    [InlineData("Mo-Fr 08:00-18:00 sometimes", 18, "',', ';', '||' or the end")]
    [InlineData("Mo-Xy 08:00-18:00", 3, "a weekday")]
    [InlineData("Mo-Fr 25:00-26:00", 6, "a start time before 24:00")]
    [InlineData("Mo-Fr 08:00-18:61", 15, "minutes from 00 to 59")]
    [InlineData("Feb 30 off", 4, "a day of Feb (1 to 29)")]
    [InlineData("sunrise-sunset", 0, "a month, weekday, PH, time")]
    [InlineData("Mo-Fr 08:00-12:00 \"by appointment\"", 18, "',', ';', '||' or the end")]
    [InlineData("", 0, "a rule")]
    [InlineData("Mar 10-02", 7, "a day from 10 on")]
    public void TryParse_Unsupported_SaysWhatWasExpectedWhere(string text, int position, string expected)
    {
        Assert.False(OpeningHoursRule.TryParse(text, out var rule, out var error));
        Assert.Null(rule);
        Assert.Contains($"expected {expected}", error);
        Assert.Contains($"at position {position}", error);
        var e = Assert.Throws<OpeningHoursFormatException>(() => OpeningHoursRule.Parse(text));
        Assert.Equal(position, e.Position);
    }

    [Theory]
    [InlineData("PH Mo-Fr 10:00-12:00")]
    [InlineData("SH off")]
    [InlineData("Mo[1] 10:00-12:00")]
    [InlineData("2026 Dec 10:00-12:00")]
    [InlineData("week 01-10 Mo 10:00-12:00")]
    [InlineData("PH +1 day off")]
    [InlineData("10:00-sunset")]
    [InlineData("24/7, Mo 10:00-12:00")]
    [InlineData("Mo-Fr 10:00-12:00 \"by appointment\"")]
    public void TryParse_UnsupportedFeature_IsRefusedNotGuessed(string text) =>
        Assert.False(OpeningHoursRule.TryParse(text, out _, out _), text);

    [Fact]
    public void StateAt_UtcTime_IsRefused()
    {
        var rule = OpeningHoursRule.Parse("24/7");
        Assert.Throws<ArgumentException>(() => rule.StateAt(new DateTime(2026, 4, 6, 12, 0, 0, DateTimeKind.Utc)));
    }

    [Fact]
    public void DefaultState_IsUnknownNeverOpen() => Assert.Equal(OpeningState.Unknown, default(OpeningState));

    [Fact]
    public void IsOpenThrough_ClosingTenMinutesAfterArrival_IsFalse()
    {
        var rule = OpeningHoursRule.Parse("Mo-Su 11:00-22:00");
        var arrival = At(2026, 4, 6, 21, 50);
        Assert.Equal(OpeningState.Open, rule.StateAt(arrival));
        Assert.False(rule.IsOpenThrough(arrival, TimeSpan.FromMinutes(45)));
        Assert.True(rule.IsOpenThrough(arrival, TimeSpan.FromMinutes(10)));
        Assert.True(rule.IsOpenThrough(At(2026, 4, 6, 20, 0), TimeSpan.FromMinutes(90)));
    }

    [Fact]
    public void IsOpenThrough_AcrossMidnightIntoTheWrappedHours_IsTrue()
    {
        var rule = OpeningHoursRule.Parse("Fr 18:00-02:00");
        Assert.True(rule.IsOpenThrough(At(2026, 4, 10, 23, 30), TimeSpan.FromMinutes(120)));
        Assert.False(rule.IsOpenThrough(At(2026, 4, 10, 23, 30), TimeSpan.FromMinutes(180)));
    }

    [Fact]
    public void NextChange_DuringOpenHours_IsTheClosingTime()
    {
        var rule = OpeningHoursRule.Parse("Mo-Fr 08:00-12:00,13:00-18:00");
        Assert.Equal(At(2026, 4, 6, 12, 0), rule.NextChange(At(2026, 4, 6, 9, 0)));
        Assert.Equal(At(2026, 4, 6, 13, 0), rule.NextChange(At(2026, 4, 6, 12, 0)));
        Assert.Equal(At(2026, 4, 13, 8, 0), rule.NextChange(At(2026, 4, 10, 18, 0))); // Friday evening to Monday
    }

    [Fact]
    public void StateAt_AfterParsing_DoesNotAllocate()
    {
        var rule = OpeningHoursRule.Parse("Mo-Fr 08:00-12:00,13:00-18:00; Sa 10:00-02:00; Dec 24-26 off; PH off");
        var t = At(2026, 4, 10, 9, 0);
        rule.StateAt(t, Berlin);
        rule.IsOpenThrough(t, TimeSpan.FromHours(2), Berlin);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var open = 0;
        for (var i = 0; i < 10_000; i++)
            if (rule.StateAt(t.AddMinutes(i * 7), Berlin) == OpeningState.Open) open++;
        for (var i = 0; i < 1_000; i++)
            if (rule.IsOpenThrough(t.AddMinutes(i * 13), TimeSpan.FromMinutes(30), Berlin)) open++;
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.True(open > 0);
    }
}
