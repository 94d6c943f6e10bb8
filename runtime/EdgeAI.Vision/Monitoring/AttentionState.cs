namespace EdgeAI.Vision.Monitoring;

/// <summary>The driver-monitoring alert level, mildest first.</summary>
public enum AttentionState
{
    /// <summary>No alert.</summary>
    Attentive,
    /// <summary>
    /// No face is seen and no alert is due yet: whether the driver is attentive cannot be told, so it never reads as
    /// <see cref="Attentive"/>. Not an alert level; the profile escalates to one when the face stays away.
    /// </summary>
    Unknown,
    /// <summary>First, silent warning (openpilot's green "pre" alert).</summary>
    PreAlert,
    /// <summary>Audible warning (openpilot's orange prompt; the regulation profile's warning).</summary>
    Alert,
    /// <summary>Awareness exhausted (openpilot's red terminal alert).</summary>
    Critical,
}
