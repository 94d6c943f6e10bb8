using EdgeAI.Services.Geo;

namespace EdgeAI.Services.Map;

/// <summary>
/// A point of interest. <see cref="Generated"/> marks one made up by tools/EdgeAI.MapGen on a real street, where no open
/// source has the data (chargers, restaurants with opening hours, parking with fees): it must be shown as such.
/// Exactly one of <see cref="Food"/>, <see cref="Parking"/> and <see cref="Charger"/> is set for those kinds.
/// </summary>
public sealed record Poi(string Id, PoiKind Kind, string Name, GeoPoint Position, bool Generated)
{
    /// <summary>Restaurant and café details.</summary>
    public FoodInfo? Food { get; init; }

    /// <summary>Parking details.</summary>
    public ParkingInfo? Parking { get; init; }

    /// <summary>Charger details.</summary>
    public ChargerInfo? Charger { get; init; }
}

/// <summary>A place to eat.</summary>
/// <param name="Cuisine">OSM <c>cuisine</c> value ("italian", "burger", "coffee_shop", ...).</param>
/// <param name="OpeningHours">OSM <c>opening_hours</c> string; null when unknown (then never treated as open).</param>
/// <param name="PriceLevel">1 (cheap) to 4 (expensive).</param>
/// <param name="Rating">Average rating 1..5, where present.</param>
public sealed record FoodInfo(string Cuisine, string? OpeningHours, int PriceLevel, double? Rating);

/// <summary>A car park.</summary>
/// <param name="Capacity">Number of spaces.</param>
/// <param name="FeePerHourEur">Fee per started hour in euros; 0 = free.</param>
/// <param name="DailyMaxEur">Cap per day in euros, where there is one.</param>
/// <param name="Covered">A multi-storey or underground car park.</param>
/// <param name="MaxHeightM">Vehicle height limit, metres, where there is one.</param>
/// <param name="EvSpaces">Spaces with a charger.</param>
/// <param name="OpeningHours">OSM <c>opening_hours</c>; null = always open.</param>
public sealed record ParkingInfo(int Capacity, double FeePerHourEur, double? DailyMaxEur, bool Covered, double? MaxHeightM, int EvSpaces, string? OpeningHours);

/// <summary>A charging station.</summary>
/// <param name="PowerKw">Highest power per point, kW.</param>
/// <param name="Connectors">Connector types ("ccs2", "type2", "chademo").</param>
/// <param name="Points">Number of points that can charge at once.</param>
public sealed record ChargerInfo(double PowerKw, IReadOnlyList<string> Connectors, int Points);
