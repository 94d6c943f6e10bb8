namespace EdgeAI.Fusion.Derived;

/// <summary>What the car is doing, from speed, gear, readiness and charging (rules in docs/vehicle-context.md).</summary>
public enum DrivePhase
{
    /// <summary>Not ready to drive, not charging.</summary>
    Parked,
    /// <summary>Ready to drive, in P or N, not moving.</summary>
    Ready,
    /// <summary>Above 2 km/h (until below 0.1 km/h again).</summary>
    Moving,
    /// <summary>Standing with D or R engaged while ready: a red light, a queue.</summary>
    StoppedInTraffic,
    /// <summary>The battery is charging.</summary>
    Charging,
}
