namespace EdgeAI.Services.Map;

/// <summary>Everything the services know about a region: roads, signals and points of interest.</summary>
/// <param name="Name">Region name ("Berlin-Adlershof").</param>
/// <param name="Attribution">Where the data comes from and its licence, shown wherever the map is.</param>
/// <param name="Graph">The drivable road network.</param>
/// <param name="Signals">Signalized intersections.</param>
/// <param name="Pois">Points of interest.</param>
public sealed record RegionMap(string Name, string Attribution, RoadGraph Graph, IReadOnlyList<TrafficSignal> Signals, IReadOnlyList<Poi> Pois);
