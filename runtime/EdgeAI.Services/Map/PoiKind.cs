namespace EdgeAI.Services.Map;

/// <summary>What a point of interest is.</summary>
public enum PoiKind
{
    /// <summary>A restaurant, fast food or other place to eat (<see cref="Poi.Food"/>).</summary>
    Restaurant,
    /// <summary>A café (<see cref="Poi.Food"/>).</summary>
    Cafe,
    /// <summary>A car park or parking area (<see cref="Poi.Parking"/>).</summary>
    Parking,
    /// <summary>An EV charging station (<see cref="Poi.Charger"/>).</summary>
    Charger,
    /// <summary>A named place (station, institute) that routes can start or end at.</summary>
    Landmark,
}
