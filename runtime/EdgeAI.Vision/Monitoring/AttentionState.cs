namespace EdgeAI.Vision.Monitoring;

/// <summary>The driver-monitoring alert level, mildest first.</summary>
public enum AttentionState
{
    /// <summary>No alert.</summary>
    Attentive,
    /// <summary>First, silent warning (openpilot's green "pre" alert).</summary>
    PreAlert,
    /// <summary>Audible warning (openpilot's orange prompt; the regulation profile's warning).</summary>
    Alert,
    /// <summary>Awareness exhausted (openpilot's red terminal alert).</summary>
    Critical,
}
