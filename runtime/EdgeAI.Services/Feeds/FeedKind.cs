namespace EdgeAI.Services.Feeds;

/// <summary>What a live feed file carries (docs/scenarios.md, "Feeds"). Each kind has its own CSV header.</summary>
public enum FeedKind
{
    /// <summary>Free spaces per car park: <c>time,poi,free</c> (an integer ≥ 0).</summary>
    ParkingOccupancy,
    /// <summary>Free charging points per station: <c>time,poi,free_points</c> (an integer ≥ 0).</summary>
    ChargerAvailability,
    /// <summary>Speed factor per road segment: <c>time,edge,factor</c> (actual over free-flow speed, 0 &lt; f ≤ 2).</summary>
    TrafficSpeed,
}
