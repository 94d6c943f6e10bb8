using EdgeAI.Services.Map;

namespace EdgeAI.Services.Restaurants;

/// <summary>A place to eat that fits, with why it ranks where it does.</summary>
/// <param name="Poi">The place (<see cref="Poi.Food"/> is set).</param>
/// <param name="Arrival">When the car gets there, local time.</param>
/// <param name="DetourMinutes">What the stop adds to the trip.</param>
/// <param name="OpenUntil">When it next closes after the arrival, where that is within a week.</param>
/// <param name="Score">Cost in minutes, lower is better (see <see cref="RestaurantAdvisor"/>).</param>
/// <param name="Explanation">One line for the driver.</param>
public sealed record RestaurantCandidate(Poi Poi, DateTime Arrival, double DetourMinutes, DateTime? OpenUntil, double Score, string Explanation);
