namespace EdgeAI.Services.TrafficLights;

/// <summary>A manoeuvre from an approach (J2735 <c>Connection</c>): the exit it leads to and the signal group that controls it.</summary>
/// <param name="ToEdge">The exit edge's id.</param>
/// <param name="Direction">s straight, l left, r right, t turnaround, L/R partly left/right (SUMO's letters).</param>
/// <param name="SignalGroup">The signal group controlling it.</param>
public sealed record SignalManeuver(string ToEdge, char Direction, int SignalGroup);
