namespace EdgeAI.Fusion.Scenarios;

/// <summary>
/// A scenario's <c>services</c> section (docs/scenarios.md): the region the drive is in and the services' inputs, paths
/// resolved to absolute ones. Every field is optional.
/// </summary>
/// <param name="Region">The model-cache id of the region's streets and signals ("sumo-adlershof").</param>
/// <param name="Pois">A POI file (generated places).</param>
/// <param name="ParkingFeed">Parking occupancy CSV.</param>
/// <param name="ChargerFeed">Charger availability CSV.</param>
/// <param name="TrafficFeed">Traffic speed factors CSV.</param>
/// <param name="Spat">SPaT messages (JSON lines, optionally gzipped).</param>
/// <param name="Intersections">The MAP of the signalized intersections.</param>
/// <param name="Destination">Where the trip goes: lat,lon or a place name.</param>
/// <param name="DestinationName">How to call the destination.</param>
/// <param name="ReservePercent">Charge to keep at every arrival.</param>
/// <param name="StayMinutes">Planned stay at the destination.</param>
public sealed record ScenarioServices(
    string? Region, string? Pois, string? ParkingFeed, string? ChargerFeed, string? TrafficFeed, string? Spat, string? Intersections,
    string? Destination, string? DestinationName, double? ReservePercent, double? StayMinutes);
