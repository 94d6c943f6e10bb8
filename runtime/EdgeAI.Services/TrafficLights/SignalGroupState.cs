namespace EdgeAI.Services.TrafficLights;

/// <summary>
/// One signal group's entry in a SPaT message (J2735 <c>MovementState</c> with its current <c>MovementEvent</c>):
/// the state shown and when it will end. Times are seconds on the scenario's clock.
/// </summary>
/// <param name="SignalGroup">The signal group id within the intersection (1-based, as in J2735 where 0 means none).</param>
/// <param name="State">What the group shows now.</param>
/// <param name="StartTime">When the current state began.</param>
/// <param name="MinEndTime">The earliest time the state can end.</param>
/// <param name="MaxEndTime">The latest time the state can end.</param>
/// <param name="LikelyTime">The road-side unit's estimate of the end (it may be wrong).</param>
/// <param name="Confidence">The unit's confidence in <paramref name="LikelyTime"/>, 0..1.</param>
public sealed record SignalGroupState(
    int SignalGroup, MovementPhaseState State, double StartTime, double MinEndTime, double MaxEndTime, double LikelyTime, double Confidence);
