namespace EdgeAI.Services.Restaurants;

/// <summary>What a stop adds to the trip.</summary>
/// <param name="ExtraSeconds">Trip time with the stop minus without it (driving only), seconds, ≥ 0.</param>
/// <param name="ReachSeconds">From now until the car reaches the place, seconds.</param>
public readonly record struct DetourEstimate(double ExtraSeconds, double ReachSeconds);
