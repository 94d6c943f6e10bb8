namespace EdgeAI.Services.OpeningHours;

/// <summary>Minutes of one day, <c>[Start, End)</c>, that a rule's time selector covers; End is at most 1440 (24:00).</summary>
internal readonly record struct TimeRange(short Start, short End, bool OpenEnd)
{
    public bool Contains(int minute) => minute >= Start && minute < End;
}
