namespace EdgeAI.Fusion.Mapping;

/// <summary>Where a context key's latest value came from.</summary>
public enum KeySource
{
    /// <summary>A CAN signal through the signal map.</summary>
    Can,
    /// <summary>The GPS receiver.</summary>
    Gps,
    /// <summary>A cabin sensor (e.g. the climate sensor).</summary>
    Sensor,
    /// <summary>The driver monitor (camera).</summary>
    Camera,
    /// <summary>Computed from other keys (drive phase, trip, workload, ...).</summary>
    Derived,
}
