namespace EdgeAI.Services.Map;

/// <summary>A road edge near a position, with the distance from the position to the edge's shape polyline.</summary>
/// <param name="Edge">The edge.</param>
/// <param name="DistanceM">Metres from the position to the nearest point of <see cref="RoadEdge.Shape"/>.</param>
public sealed record EdgeMatch(RoadEdge Edge, double DistanceM);
