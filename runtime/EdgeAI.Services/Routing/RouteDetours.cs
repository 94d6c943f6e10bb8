using EdgeAI.Services.Geo;
using EdgeAI.Services.Restaurants;

namespace EdgeAI.Services.Routing;

/// <summary>
/// Detours by the router: what stopping at a place adds to the drive from <c>from</c> to <c>destination</c> (or, with
/// no destination, the drive there and back), and how long until the car gets there.
/// </summary>
public sealed class RouteDetours(Router router, GeoPoint from, GeoPoint? destination = null, ITrafficFactors? traffic = null) : IDetourEstimator
{
    private readonly double? _direct = destination is { } d ? router.Find(from, d, traffic)?.TravelTimeS : null;

    /// <inheritdoc/>
    public DetourEstimate? Estimate(GeoPoint place)
    {
        if (router.Find(from, place, traffic) is not { } there) return null;
        if (destination is not { } d) return router.Find(place, from, traffic) is { } back ? new DetourEstimate(there.TravelTimeS + back.TravelTimeS, there.TravelTimeS) : null;
        if (router.Find(place, d, traffic) is not { } onwards || _direct is not { } direct) return null;
        return new DetourEstimate(Math.Max(0, there.TravelTimeS + onwards.TravelTimeS - direct), there.TravelTimeS);
    }
}
