namespace EdgeAI.Services.Charging;

/// <summary>A piece of a trip driven at one speed: how long, how many seconds and how much battery energy.</summary>
/// <param name="LengthM">Metres.</param>
/// <param name="TimeS">Seconds, traffic included.</param>
/// <param name="EnergyWh">Battery energy, Wh (negative where the segment recuperates more than it uses).</param>
public readonly record struct TripSegment(double LengthM, double TimeS, double EnergyWh);
