using EdgeAI.Services.Map;

namespace EdgeAI.Services.Parking;

/// <summary>A car park within walking distance that cannot be used, and why ("too low: 1.90 m limit, car 2.05 m").</summary>
/// <param name="Poi">The car park.</param>
/// <param name="Reason">One line.</param>
public sealed record ParkingRejection(Poi Poi, string Reason);
