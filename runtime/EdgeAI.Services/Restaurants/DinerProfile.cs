namespace EdgeAI.Services.Restaurants;

/// <summary>The driver's tastes, from the user profile.</summary>
/// <param name="LikedCuisines">OSM cuisine values the driver likes ("italian", "vietnamese"); empty = no preference.</param>
/// <param name="MaxPriceLevel">The dearest price level to suggest, 1 to 4.</param>
public sealed record DinerProfile(IReadOnlyList<string> LikedCuisines, int MaxPriceLevel = 4)
{
    /// <summary>No preferences.</summary>
    public static DinerProfile Any { get; } = new([], 4);
}
