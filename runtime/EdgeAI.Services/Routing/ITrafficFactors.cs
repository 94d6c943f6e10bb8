namespace EdgeAI.Services.Routing;

/// <summary>
/// Live traffic per edge as a factor on its free-flow travel time: 1 = free flow, 2 = twice as slow. The router reads
/// <see cref="LowestFactor"/> once per search to keep its heuristic admissible when a factor below 1 is present.
/// </summary>
public interface ITrafficFactors
{
    /// <summary>The factor for edge <paramref name="edge"/> (an index into <see cref="Map.RoadGraph.Edges"/>); must be positive.</summary>
    double Factor(int edge);

    /// <summary>A lower bound of every <see cref="Factor"/> value (1 when no edge is faster than free flow).</summary>
    double LowestFactor { get; }
}
