namespace EdgeAI.Services.Restaurants;

/// <summary>The answer to a <see cref="RestaurantRequest"/>.</summary>
/// <param name="Candidates">Places that fit, best first.</param>
/// <param name="Rejected">Places within the detour that do not fit, with the reason.</param>
public sealed record RestaurantAdvice(IReadOnlyList<RestaurantCandidate> Candidates, IReadOnlyList<RestaurantRejection> Rejected);
