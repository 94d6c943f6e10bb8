using EdgeAI.Services.Geo;

namespace EdgeAI.Services.Map;

/// <summary>A junction or end point of the road graph. <see cref="Index"/> is its position in <see cref="RoadGraph.Nodes"/>.</summary>
public sealed record RoadNode(int Index, string Id, GeoPoint Position);
