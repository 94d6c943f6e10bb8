namespace EdgeAI.Services.Routing;

/// <summary>
/// One junction on a route: the car leaves <see cref="FromEdge"/> and takes <see cref="ToEdge"/> at node <see cref="Node"/>.
/// The traffic-light service matches it against a signal's movements as "the route's next manoeuvre".
/// </summary>
/// <param name="Node">The junction (an index into <see cref="Map.RoadGraph.Nodes"/>).</param>
/// <param name="FromEdge">The edge the car arrives on.</param>
/// <param name="ToEdge">The edge the car leaves on.</param>
/// <param name="Direction">The turn, from <see cref="TurnAngleDeg"/>.</param>
/// <param name="TurnAngleDeg">Change of bearing, degrees in (-180, 180]: positive to the right, negative to the left.</param>
/// <param name="DistanceFromStartM">Metres driven from the route's start to this junction.</param>
/// <param name="TimeFromStartS">Seconds from the route's start to this junction (with the traffic the route was planned with).</param>
public readonly record struct Maneuver(
    int Node, int FromEdge, int ToEdge, TurnDirection Direction, double TurnAngleDeg, double DistanceFromStartM, double TimeFromStartS)
{
    /// <summary>The direction for a change of bearing in degrees (positive = right).</summary>
    public static TurnDirection Classify(double turnAngleDeg)
    {
        var a = Math.Abs(turnAngleDeg);
        if (a < 20) return TurnDirection.Straight;
        if (a > 170) return TurnDirection.UTurn;
        bool right = turnAngleDeg > 0;
        if (a < 45) return right ? TurnDirection.SlightRight : TurnDirection.SlightLeft;
        if (a <= 135) return right ? TurnDirection.Right : TurnDirection.Left;
        return right ? TurnDirection.SharpRight : TurnDirection.SharpLeft;
    }
}
