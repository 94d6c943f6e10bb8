using EdgeAI.Services.Geo;

namespace EdgeAI.Services.Restaurants;

/// <summary>
/// How much a stop at a place adds to the planned trip, and when the car gets there. The router's route implements it;
/// tests use a Dijkstra on the demo graph.
/// </summary>
public interface IDetourEstimator
{
    /// <summary>The detour to stop at <paramref name="place"/>, or null when the place cannot be reached.</summary>
    DetourEstimate? Estimate(GeoPoint place);
}
