using EdgeAI.Services.Geo;

namespace EdgeAI.Services.TrafficLights;

/// <summary>
/// An approach to an intersection (J2735 ingress lanes collapsed to the road edge): its geometry in driving order,
/// ending at the stop line, and its manoeuvres.
/// </summary>
/// <param name="Edge">The approach edge's id (the SUMO edge id for the demo region).</param>
/// <param name="Shape">Points along the approach in driving order; the last one is the stop line.</param>
/// <param name="BearingDeg">Direction of travel at the stop line, degrees clockwise from north.</param>
/// <param name="SpeedLimitMps">The approach's speed limit, metres per second.</param>
/// <param name="Maneuvers">Where cars can go from here, each with its signal group.</param>
public sealed record SignalApproach(string Edge, IReadOnlyList<GeoPoint> Shape, double BearingDeg, double SpeedLimitMps, IReadOnlyList<SignalManeuver> Maneuvers)
{
    /// <summary>The stop line (the approach's last point).</summary>
    public GeoPoint StopLine => Shape[^1];
}
