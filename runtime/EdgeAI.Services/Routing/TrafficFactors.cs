namespace EdgeAI.Services.Routing;

/// <summary>Traffic factors held in an array, one per edge, all 1 (free flow) until set.</summary>
public sealed class TrafficFactors : ITrafficFactors
{
    private readonly double[] _factors;
    private double _lowest = 1;

    /// <summary>Factors for a graph with <paramref name="edgeCount"/> edges, all free flow.</summary>
    public TrafficFactors(int edgeCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(edgeCount);
        _factors = new double[edgeCount];
        Array.Fill(_factors, 1.0);
    }

    /// <summary>Number of edges.</summary>
    public int Count => _factors.Length;

    /// <inheritdoc />
    public double LowestFactor => _lowest;

    /// <inheritdoc />
    public double Factor(int edge) => _factors[edge];

    /// <summary>Sets edge <paramref name="edge"/>'s factor (must be positive and finite).</summary>
    public void Set(int edge, double factor)
    {
        if (!(factor > 0) || double.IsInfinity(factor))
            throw new ArgumentOutOfRangeException(nameof(factor), factor, "a traffic factor must be positive and finite");
        _factors[edge] = factor;
        if (factor < _lowest) _lowest = factor;
    }

    /// <summary>
    /// The travel-time factors at local time <paramref name="at"/> from a traffic feed of speed factors (actual over
    /// free-flow speed per edge id, docs/scenarios.md): time factor = 1 / speed factor. Edges the feed does not name, or
    /// names only after <paramref name="at"/>, stay at free flow.
    /// </summary>
    public static TrafficFactors FromFeed(Feeds.Feed feed, Map.RoadGraph graph, DateTime at)
    {
        ArgumentNullException.ThrowIfNull(feed);
        ArgumentNullException.ThrowIfNull(graph);
        var factors = new TrafficFactors(graph.Edges.Count);
        for (int i = 0; i < graph.Edges.Count; i++)
            if (feed.TryValueAt(graph.Edges[i].Id, at, out var speedFactor, out _) && speedFactor > 0)
                factors.Set(i, 1 / speedFactor);
        return factors;
    }
}
