using EdgeAI.Services.Geo;

namespace EdgeAI.Services.TrafficLights;

/// <summary>One signalized intersection of a MAP (J2735 <c>IntersectionGeometry</c>).</summary>
/// <param name="Id">The intersection's id, as in the SPaT messages.</param>
/// <param name="Position">The intersection's reference point.</param>
/// <param name="Approaches">Its approaches.</param>
public sealed record SignalIntersection(string Id, GeoPoint Position, IReadOnlyList<SignalApproach> Approaches);
