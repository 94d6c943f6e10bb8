namespace EdgeAI.Services.Routing;

/// <summary>
/// A route found by <see cref="Router"/>: the edges driven in order, how far and how long (with the traffic it was
/// planned with), and the manoeuvre at every junction. A route between two positions starts part-way along its first
/// edge (<see cref="StartFraction"/>) and ends part-way along its last (<see cref="EndFraction"/>).
/// </summary>
public sealed class Route
{
    private readonly int[] _edges;
    private readonly double[] _lengths;
    private readonly double[] _times;
    private readonly Maneuver[] _maneuvers;

    internal Route(int[] edges, double[] lengthsM, double[] timesS, Maneuver[] maneuvers, double startFraction, double endFraction)
    {
        _edges = edges;
        _lengths = lengthsM;
        _times = timesS;
        _maneuvers = maneuvers;
        StartFraction = startFraction;
        EndFraction = endFraction;
        double length = 0, time = 0;
        for (var i = 0; i < edges.Length; i++) { length += lengthsM[i]; time += timesS[i]; }
        LengthM = length;
        TravelTimeS = time;
    }

    /// <summary>The edges in driving order (indices into <see cref="Map.RoadGraph.Edges"/>); empty when start and end coincide.</summary>
    public IReadOnlyList<int> Edges => _edges;

    /// <summary>Metres driven on each of <see cref="Edges"/> (partial on the first and last edge of a position route).</summary>
    public IReadOnlyList<double> EdgeLengthsM => _lengths;

    /// <summary>Seconds spent on each of <see cref="Edges"/>, traffic included.</summary>
    public IReadOnlyList<double> EdgeTimesS => _times;

    /// <summary>The junctions passed, in order: one per pair of consecutive edges.</summary>
    public IReadOnlyList<Maneuver> Maneuvers => _maneuvers;

    /// <summary>Where along the first edge the route starts (0 for a route from a node).</summary>
    public double StartFraction { get; }

    /// <summary>Where along the last edge the route ends (1 for a route to a node).</summary>
    public double EndFraction { get; }

    /// <summary>Total length, metres.</summary>
    public double LengthM { get; }

    /// <summary>Total travel time in seconds, with the traffic factors the route was planned with.</summary>
    public double TravelTimeS { get; }

    /// <summary>The estimated time of arrival for a departure at <paramref name="departure"/>.</summary>
    public DateTimeOffset EtaAt(DateTimeOffset departure) => departure + TimeSpan.FromSeconds(TravelTimeS);

    /// <summary>The first manoeuvre at or beyond <paramref name="distanceFromStartM"/> metres along the route; null past the last.</summary>
    public Maneuver? NextManeuver(double distanceFromStartM)
    {
        foreach (var m in _maneuvers)
            if (m.DistanceFromStartM >= distanceFromStartM) return m;
        return null;
    }
}
