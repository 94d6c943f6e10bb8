namespace EdgeAI.Fusion.Context;

/// <summary>The driver monitor's alert level as the context keeps it (mirrors the vision pipeline's levels, so Fusion
/// needs no reference to the camera code).</summary>
public enum DriverAttention
{
    /// <summary>No alert.</summary>
    Attentive = 0,
    /// <summary>No face seen and no alert due yet: attention cannot be told.</summary>
    Unknown = 1,
    /// <summary>First, silent warning.</summary>
    PreAlert = 2,
    /// <summary>Audible warning.</summary>
    Alert = 3,
    /// <summary>Awareness exhausted.</summary>
    Critical = 4,
}
