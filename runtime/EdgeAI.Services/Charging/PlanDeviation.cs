namespace EdgeAI.Services.Charging;

/// <summary>How far the drive is from its charging plan, and whether that calls for a new plan.</summary>
/// <param name="ReplanNeeded">A threshold was reached.</param>
/// <param name="SocDelta">Actual minus planned state of charge (0..1; negative = less charge than planned).</param>
/// <param name="TimeDeltaS">Actual minus planned elapsed seconds (positive = late).</param>
/// <param name="Reason">What was reached, in one line; empty when nothing was.</param>
public sealed record PlanDeviation(bool ReplanNeeded, double SocDelta, double TimeDeltaS, string Reason);
