namespace EdgeAI.Sensors;

/// <summary>The kind of GPS fix (NMEA GGA quality and GSA mode, gpsd TPV mode, folded together).</summary>
public enum GpsFixQuality
{
    /// <summary>No fix: the position must not be used.</summary>
    None = 0,
    /// <summary>A 2D fix (no altitude).</summary>
    Fix2D = 1,
    /// <summary>A 3D fix.</summary>
    Fix3D = 2,
    /// <summary>Differential GPS (SBAS/DGPS).</summary>
    Differential = 3,
    /// <summary>RTK with fixed integers.</summary>
    RtkFixed = 4,
    /// <summary>RTK float.</summary>
    RtkFloat = 5,
    /// <summary>Dead reckoning (estimated).</summary>
    Estimated = 6,
}
