namespace EdgeAI.Services.Restaurants;

/// <summary>A question for places to eat along the trip.</summary>
/// <param name="Now">The virtual clock's now, local time of the region.</param>
/// <param name="Profile">The driver's tastes.</param>
/// <param name="Detours">The detour and arrival time of a stop, from the route.</param>
public sealed record RestaurantRequest(DateTime Now, DinerProfile Profile, IDetourEstimator Detours)
{
    /// <summary>The place must be open from the arrival for at least this long.</summary>
    public TimeSpan MinOpen { get; init; } = TimeSpan.FromMinutes(45);

    /// <summary>The longest detour to suggest, minutes.</summary>
    public double MaxDetourMinutes { get; init; } = 10;

    /// <summary>Include cafés.</summary>
    public bool IncludeCafes { get; init; } = true;
}
