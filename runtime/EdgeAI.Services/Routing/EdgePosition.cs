using EdgeAI.Services.Geo;

namespace EdgeAI.Services.Routing;

/// <summary>A position snapped onto an edge.</summary>
/// <param name="Edge">The edge (an index into <see cref="Map.RoadGraph.Edges"/>).</param>
/// <param name="Fraction">Where along the edge, 0 (its start) to 1 (its end), by length along its shape.</param>
/// <param name="Point">The snapped point on the edge's shape.</param>
/// <param name="DistanceM">Distance from the queried position to <see cref="Point"/>, metres.</param>
public readonly record struct EdgePosition(int Edge, double Fraction, GeoPoint Point, double DistanceM);
