namespace EdgeAI.Fusion.Derived;

/// <summary>The part of the day in the context's time zone.</summary>
public enum TimeOfDay
{
    /// <summary>22:00 to 05:00.</summary>
    Night,
    /// <summary>05:00 to 11:00.</summary>
    Morning,
    /// <summary>11:00 to 14:00 (lunch).</summary>
    Midday,
    /// <summary>14:00 to 18:00.</summary>
    Afternoon,
    /// <summary>18:00 to 22:00 (dinner).</summary>
    Evening,
}
