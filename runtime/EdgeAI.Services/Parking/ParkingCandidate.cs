using EdgeAI.Services.Map;

namespace EdgeAI.Services.Parking;

/// <summary>A car park the driver can use, with why it ranks where it does.</summary>
/// <param name="Poi">The car park (<see cref="Poi.Parking"/> is set).</param>
/// <param name="WalkM">Walk to the destination on the road graph, metres.</param>
/// <param name="WalkSeconds">That walk at <see cref="WalkingGraph.WalkingSpeedMps"/>.</param>
/// <param name="Forecast">Predicted free spaces at the arrival time.</param>
/// <param name="PriceEur">Price of the planned stay.</param>
/// <param name="Score">Cost in minutes (lower is better; see <see cref="ParkingAdvisor"/>).</param>
/// <param name="Explanation">One line for the driver.</param>
public sealed record ParkingCandidate(Poi Poi, double WalkM, double WalkSeconds, ParkingForecast Forecast, double PriceEur, double Score, string Explanation);
