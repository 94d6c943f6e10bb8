namespace EdgeAI.Vision.Monitoring;

/// <summary>Thresholds and timings of a <see cref="DriverMonitor"/>. <see cref="Default"/> and <see cref="Regulation"/> are the two shipped.</summary>
public sealed record DriverMonitorProfile
{
    /// <summary>Name used on the command line.</summary>
    public required string Name { get; init; }
    /// <summary>Which rules apply.</summary>
    public required DriverMonitorKind Kind { get; init; }
    /// <summary>|yaw| above this (radians) counts as looking away.</summary>
    public double YawLimit { get; init; } = 0.40;
    /// <summary>|pitch| above this (radians) counts as looking away.</summary>
    public double PitchLimit { get; init; } = 0.31;
    /// <summary>Below this speed (km/h) no alerts are raised; unknown speed never gates.</summary>
    public double MinimumSpeedKmh { get; init; } = 20;

    /// <summary>Awareness profile: seconds distracted until the pre-alert.</summary>
    public double PreAlertSeconds { get; init; } = 3;
    /// <summary>Awareness profile: seconds distracted until the alert.</summary>
    public double AlertSeconds { get; init; } = 5;
    /// <summary>Awareness profile: seconds distracted until awareness is exhausted (critical).</summary>
    public double CriticalSeconds { get; init; } = 11;
    /// <summary>Awareness profile: with no face visible the same ladder stretched over this many seconds.</summary>
    public double NoFaceCriticalSeconds { get; init; } = 30;
    /// <summary>Awareness profile: recovery rate, relative to the distraction rate, when awareness is nearly full.</summary>
    public double RecoveryFactorMin { get; init; } = 1.25;
    /// <summary>Awareness profile: recovery rate, relative to the distraction rate, when awareness is empty.</summary>
    public double RecoveryFactorMax { get; init; } = 5;

    /// <summary>Regulation profile: Euro NCAP long distraction, one glance away of this many seconds.</summary>
    public double LongGlanceSeconds { get; init; } = 3;
    /// <summary>Regulation profile: Euro NCAP visual time-sharing, more than this many seconds away ...</summary>
    public double TimeSharingSeconds { get; init; } = 10;
    /// <summary>... within any window of this many seconds.</summary>
    public double TimeSharingWindowSeconds { get; init; } = 30;
    /// <summary>Regulation profile: ADDW's upper speed of the low band (km/h); above it the 3 s glance applies.</summary>
    public double AddwHighSpeedKmh { get; init; } = 50;
    /// <summary>Regulation profile: ADDW glance limit between <see cref="MinimumSpeedKmh"/> and <see cref="AddwHighSpeedKmh"/>.</summary>
    public double AddwLowSpeedGlanceSeconds { get; init; } = 6;

    /// <summary>openpilot-style awareness: pre-alert 3 s, alert 5 s, critical 11 s distracted; 30 s ladder with no face.</summary>
    public static DriverMonitorProfile Default { get; } = new() { Name = "default", Kind = DriverMonitorKind.Awareness };

    /// <summary>Euro NCAP long distraction (3 s) and visual time-sharing (10 s in 30 s); EU ADDW 6 s at 20–50 km/h.</summary>
    public static DriverMonitorProfile Regulation { get; } = new() { Name = "regulation", Kind = DriverMonitorKind.Regulation };

    /// <summary>A shipped profile by name; throws <see cref="FormatException"/> naming the choices otherwise.</summary>
    public static DriverMonitorProfile Parse(string name) => name.ToLowerInvariant() switch
    {
        "default" => Default,
        "regulation" => Regulation,
        _ => throw new FormatException($"--profile: '{name}' is not a driver-monitoring profile; expected default or regulation"),
    };
}
