namespace EdgeAI.Services.TrafficLights;

/// <summary>
/// One SPaT broadcast of one intersection (J2735 <c>IntersectionState</c>), as received by the car.
/// </summary>
/// <param name="T">When the car received it, seconds on the scenario's clock (lines of a feed are in this order).</param>
/// <param name="TimeStamp">When the road-side unit generated it (earlier than <paramref name="T"/> when delayed).</param>
/// <param name="Intersection">The intersection's id, as in the MAP.</param>
/// <param name="States">One entry per signal group.</param>
public sealed record SpatMessage(double T, double TimeStamp, string Intersection, IReadOnlyList<SignalGroupState> States);
