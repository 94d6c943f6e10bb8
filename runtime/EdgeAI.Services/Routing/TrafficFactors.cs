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
}
