using EdgeAI.Services.Map;

namespace EdgeAI.Services.Restaurants;

/// <summary>A place within the detour that does not fit, and why ("closes 14:30, 20 min after arrival").</summary>
/// <param name="Poi">The place.</param>
/// <param name="Reason">One line.</param>
public sealed record RestaurantRejection(Poi Poi, string Reason);
