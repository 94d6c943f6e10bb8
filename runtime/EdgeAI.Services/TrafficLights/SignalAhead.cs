using EdgeAI.Services.Geo;

namespace EdgeAI.Services.TrafficLights;

/// <summary>The signal a car is driving towards: the intersection, the approach it is on, the signal group of its next
/// manoeuvre and how far the stop line is.</summary>
public sealed record SignalAhead(SignalIntersection Intersection, SignalApproach Approach, SignalManeuver Maneuver, double DistanceToStopLineM);

/// <summary>
/// Finds <see cref="SignalAhead"/> from a position and heading in a MAP: the approach whose shape the car is on (within
/// <see cref="MaxOffsetM"/> of it, heading within <see cref="MaxHeadingErrorDeg"/> of the road there) and not past its
/// stop line; the manoeuvre is the one onto the route's next edge, else straight on, else the approach's first.
/// </summary>
public sealed class SignalAheadFinder(SignalMap map)
{
    /// <summary>How far from an approach's centre line a car may be and still be on it, metres.</summary>
    public const double MaxOffsetM = 12;

    /// <summary>Largest angle between the car's heading and the road's direction, degrees.</summary>
    public const double MaxHeadingErrorDeg = 45;

    /// <summary>The signal ahead, or null when the car is on no signalized approach.</summary>
    /// <param name="position">The car's position.</param>
    /// <param name="headingDeg">Its heading, degrees from north.</param>
    /// <param name="nextEdge">The edge the route takes after the approach (MAP edge id), when known.</param>
    public SignalAhead? Find(GeoPoint position, double headingDeg, string? nextEdge = null)
    {
        SignalAhead? best = null;
        double bestOffset = double.PositiveInfinity;
        foreach (var intersection in map.Intersections)
            foreach (var approach in intersection.Approaches)
            {
                if (approach.Maneuvers.Count == 0 || approach.Shape.Count < 2) continue;
                if (!TryProject(approach.Shape, position, out var offset, out var remaining, out var bearing)) continue;
                if (offset > MaxOffsetM || offset >= bestOffset) continue;
                if (Math.Abs(((headingDeg - bearing + 540) % 360) - 180) > MaxHeadingErrorDeg) continue;
                var maneuver = approach.Maneuvers.FirstOrDefault(m => m.ToEdge == nextEdge)
                    ?? approach.Maneuvers.FirstOrDefault(m => m.Direction == 's') ?? approach.Maneuvers[0];
                best = new SignalAhead(intersection, approach, maneuver, remaining);
                bestOffset = offset;
            }
        return best;
    }

    // Projects the point on the polyline (local flat metres): its distance from the line, the length left to the
    // line's end and the bearing of the segment it falls on.
    private static bool TryProject(IReadOnlyList<GeoPoint> shape, GeoPoint p, out double offset, out double remaining, out double bearing)
    {
        remaining = 0;
        bearing = 0;
        if (!Polyline.TryNearest(shape, p, out int segment, out double fraction, out offset)) return false;
        double along = 0, total = 0;
        for (int i = 0; i < shape.Count - 1; i++)
        {
            var (length, segmentBearing) = Polyline.Segment(shape, i, p);
            if (i < segment) along += length;
            else if (i == segment)
            {
                along += fraction * length;
                bearing = segmentBearing;
            }
            total += length;
        }
        remaining = total - along;
        return true;
    }
}
