namespace EdgeAI.Vision.Monitoring;

/// <summary>Which rule put the monitor in its current state.</summary>
public enum AttentionRule
{
    /// <summary>No rule is firing.</summary>
    None,
    /// <summary>The default profile's awareness ladder (openpilot-style decaying awareness).</summary>
    Awareness,
    /// <summary>Euro NCAP long distraction: one glance away of 3 s or more.</summary>
    LongDistraction,
    /// <summary>Euro NCAP visual time-sharing: more than 10 s away within any 30 s.</summary>
    VisualTimeSharing,
    /// <summary>EU ADDW (Regulation 2023/2590) at 20–50 km/h: one glance away of 6 s or more.</summary>
    AddwLowSpeed,
}
