namespace EdgeAI.Services.Charging;

/// <summary>The planner's rules.</summary>
public sealed record ChargingOptions
{
    /// <summary>The least state of charge (0..1) to arrive with at every charger and at the destination.</summary>
    public double ReserveSoc { get; init; } = 0.15;

    /// <summary>Seconds lost per stop besides charging (parking, plugging in, paying).</summary>
    public double StopOverheadS { get; init; } = 300;

    /// <summary>The highest state of charge to charge to, unless going higher saves a stop and time.</summary>
    public double MaxTargetSoc { get; init; } = 0.8;

    /// <summary>
    /// Departure states of charge are chosen from multiples of this step (0..1), the cap, and the exact levels that just
    /// reach a later charger or the destination with the reserve. The plan is optimal over that set.
    /// </summary>
    public double SocStep { get; init; } = 0.01;

    /// <summary>Re-plan when the actual state of charge differs from the plan's by this much (0..1) or more.</summary>
    public double ReplanSocDelta { get; init; } = 0.03;

    /// <summary>Re-plan when the actual elapsed time differs from the plan's by this many seconds or more.</summary>
    public double ReplanTimeDeltaS { get; init; } = 300;
}
