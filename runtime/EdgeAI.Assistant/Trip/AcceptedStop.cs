using EdgeAI.Services.Geo;

namespace EdgeAI.Assistant.Trip;

/// <summary>A charging stop the driver accepted: the route goes through it until the car has charged there and left.</summary>
/// <param name="PoiId">The charger's POI id.</param>
/// <param name="Name">Its name.</param>
/// <param name="Position">Where it is.</param>
/// <param name="PowerKw">Its power.</param>
/// <param name="TargetSoc">The state of charge (0..1) the plan leaves with.</param>
public sealed record AcceptedStop(string PoiId, string Name, GeoPoint Position, double PowerKw, double TargetSoc)
{
    /// <summary>True once the car has charged there.</summary>
    public bool Reached { get; set; }
}
