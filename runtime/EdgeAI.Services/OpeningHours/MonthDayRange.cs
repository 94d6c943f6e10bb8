namespace EdgeAI.Services.OpeningHours;

/// <summary>Calendar days from <c>From</c> to <c>To</c> inclusive, each as month*100+day; From after To wraps over New Year.</summary>
internal readonly record struct MonthDayRange(short From, short To)
{
    public bool Contains(int monthDay) => From <= To ? monthDay >= From && monthDay <= To : monthDay >= From || monthDay <= To;
}
