using EdgeAI.Services.Energy;
using EdgeAI.Services.Map;
using EdgeAI.Services.Routing;

namespace EdgeAI.Services.Charging;

/// <summary>
/// A trip as the charging planner sees it: segments in order with their time and energy, and the cumulative time and
/// energy at any distance along it (linear inside a segment).
/// </summary>
public sealed class ChargingTrip
{
    private readonly TripSegment[] _segments;
    private readonly double[] _distance, _time, _energy; // cumulative at each segment's start, plus the end

    /// <summary>A trip of <paramref name="segments"/>, driven in order.</summary>
    public ChargingTrip(IReadOnlyList<TripSegment> segments)
    {
        ArgumentNullException.ThrowIfNull(segments);
        _segments = [.. segments];
        _distance = new double[_segments.Length + 1];
        _time = new double[_segments.Length + 1];
        _energy = new double[_segments.Length + 1];
        for (var i = 0; i < _segments.Length; i++)
        {
            var s = _segments[i];
            if (!(s.LengthM >= 0) || !(s.TimeS >= 0) || !double.IsFinite(s.EnergyWh))
                throw new ArgumentException($"segment {i} needs a length and time ≥ 0 and a finite energy", nameof(segments));
            _distance[i + 1] = _distance[i] + s.LengthM;
            _time[i + 1] = _time[i] + s.TimeS;
            _energy[i + 1] = _energy[i] + s.EnergyWh;
        }
    }

    /// <summary>The segments.</summary>
    public IReadOnlyList<TripSegment> Segments => _segments;

    /// <summary>Total length, metres.</summary>
    public double LengthM => _distance[^1];

    /// <summary>Total driving time, seconds.</summary>
    public double DriveTimeS => _time[^1];

    /// <summary>Total battery energy, Wh.</summary>
    public double EnergyWh => _energy[^1];

    /// <summary>Seconds and Wh from the start to <paramref name="distanceM"/> metres along the trip (clamped to the trip).</summary>
    public (double TimeS, double EnergyWh) At(double distanceM)
    {
        if (distanceM <= 0 || _segments.Length == 0) return (0, 0);
        if (distanceM >= LengthM) return (_time[^1], _energy[^1]);
        var i = Array.BinarySearch(_distance, distanceM);
        if (i >= 0) return (_time[i], _energy[i]);
        i = ~i - 1;
        var f = _segments[i].LengthM > 0 ? (distanceM - _distance[i]) / _segments[i].LengthM : 0;
        return (_time[i] + f * _segments[i].TimeS, _energy[i] + f * _segments[i].EnergyWh);
    }

    /// <summary>The rest of the trip from <paramref name="distanceM"/> on, with every remaining segment's time multiplied
    /// by <paramref name="timeFactor"/> (what the traffic says now).</summary>
    public ChargingTrip From(double distanceM, double timeFactor = 1)
    {
        var rest = new List<TripSegment>();
        for (var i = 0; i < _segments.Length; i++)
        {
            var s = _segments[i];
            double start = _distance[i], end = _distance[i + 1];
            if (end <= distanceM) continue;
            var f = start >= distanceM || s.LengthM <= 0 ? 1 : (end - distanceM) / s.LengthM;
            rest.Add(new TripSegment(f * s.LengthM, f * s.TimeS * timeFactor, f * s.EnergyWh));
        }
        return new ChargingTrip(rest);
    }

    /// <summary>
    /// A trip along a route: one segment per edge, driven at the route's speed on it (traffic included) at a constant
    /// speed; no stops are assumed (add <see cref="EnergyModel.StopWh"/> where stops are expected). Where the map has
    /// elevation, <paramref name="edgeSlopeRad"/> gives each edge's slope (an index into the graph's edges to radians,
    /// positive uphill; a partly driven edge is taken at its mean slope); without it the road is taken as level.
    /// </summary>
    public static ChargingTrip FromRoute(Route route, EnergyModel model, double outsideC, Func<int, double>? edgeSlopeRad = null)
    {
        ArgumentNullException.ThrowIfNull(route);
        ArgumentNullException.ThrowIfNull(model);
        var segments = new TripSegment[route.Edges.Count];
        for (var i = 0; i < segments.Length; i++)
        {
            double length = route.EdgeLengthsM[i], time = route.EdgeTimesS[i];
            var slope = edgeSlopeRad?.Invoke(route.Edges[i]) ?? 0;
            var energy = length > 0 && time > 0 ? model.CruiseWh(length, length / time, outsideC, slope) : 0;
            segments[i] = new TripSegment(length, time, energy);
        }
        return new ChargingTrip(segments);
    }
}
