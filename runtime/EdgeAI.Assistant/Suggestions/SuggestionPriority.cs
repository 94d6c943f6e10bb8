namespace EdgeAI.Assistant.Suggestions;

/// <summary>How much a suggestion matters; a lower value wins. Only <see cref="Safety"/> passes the workload gate.</summary>
public enum SuggestionPriority
{
    /// <summary>Belts, doors, the parking brake, the driver's attention.</summary>
    Safety = 0,
    /// <summary>What the trip needs to succeed: a charging stop.</summary>
    Navigation = 1,
    /// <summary>Parking, food, a green wave.</summary>
    Convenience = 2,
    /// <summary>Time to green, comfort hints.</summary>
    Information = 3,
}

/// <summary>Names as the event stream writes them.</summary>
public static class SuggestionPriorities
{
    /// <summary>"safety", "navigation", "convenience" or "information".</summary>
    public static string Name(this SuggestionPriority priority) => priority switch
    {
        SuggestionPriority.Safety => "safety",
        SuggestionPriority.Navigation => "navigation",
        SuggestionPriority.Convenience => "convenience",
        _ => "information",
    };
}
