namespace EdgeAI.Host.State;

/// <summary>The accepted charging stop as the state stores it (JSON in the trip table).</summary>
/// <param name="PoiId">The charger's POI id.</param>
/// <param name="Name">Its name.</param>
/// <param name="Lat">Latitude.</param>
/// <param name="Lon">Longitude.</param>
/// <param name="PowerKw">Its power.</param>
/// <param name="TargetSoc">The state of charge (0..1) the plan leaves with.</param>
/// <param name="Reached">True once the car has charged there.</param>
public sealed record StoredStop(string PoiId, string Name, double Lat, double Lon, double PowerKw, double TargetSoc, bool Reached);
