using EdgeAI.Services.Geo;

namespace EdgeAI.Services.Map;

/// <summary>
/// A directed road segment from node <see cref="From"/> to node <see cref="To"/> (indices into <see cref="RoadGraph.Nodes"/>).
/// A two-way street is two edges; <see cref="OneWay"/> says the source had no opposite direction.
/// </summary>
/// <param name="Index">Position in <see cref="RoadGraph.Edges"/>.</param>
/// <param name="Id">The source's id (SUMO edge id, or OSM way id with a direction and part suffix).</param>
/// <param name="From">Index of the start node.</param>
/// <param name="To">Index of the end node.</param>
/// <param name="RoadClass">The OSM highway class ("primary", "residential", ...).</param>
/// <param name="Name">The street name, where the source has one.</param>
/// <param name="LengthM">Length along the shape, metres.</param>
/// <param name="SpeedLimitMps">The speed limit, metres per second.</param>
/// <param name="OneWay">The source has no opposite direction for this road.</param>
/// <param name="Lanes">Number of lanes for cars.</param>
/// <param name="Shape">Points along the road from <see cref="From"/> to <see cref="To"/>, both ends included.</param>
public sealed record RoadEdge(
    int Index, string Id, int From, int To, string RoadClass, string? Name,
    double LengthM, double SpeedLimitMps, bool OneWay, int Lanes, IReadOnlyList<GeoPoint> Shape)
{
    /// <summary>Free-flow travel time in seconds (length over the speed limit).</summary>
    public double FreeFlowSeconds => LengthM / SpeedLimitMps;
}
