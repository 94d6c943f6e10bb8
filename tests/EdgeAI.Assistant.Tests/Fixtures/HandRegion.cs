using EdgeAI.Assistant.Trip;
using EdgeAI.Services;
using EdgeAI.Services.Energy;
using EdgeAI.Services.Geo;
using EdgeAI.Services.Map;
using EdgeAI.Services.OpeningHours;
using EdgeAI.TestKit;

namespace EdgeAI.Assistant.Tests.Fixtures;

/// <summary>
/// A region on the hand-made street of <see cref="HandGraph"/>: 4 km due east, nodes every 100 m, 50 km/h, the
/// destination at its west end, a covered car park and a restaurant open around the clock by it: the route left is the
/// distance along the street.
/// </summary>
public static class HandRegion
{
    /// <summary>The street's length, metres.</summary>
    public const double LengthM = 4000;

    /// <summary>"Teststraße 1".</summary>
    public const string DestinationName = "Teststraße 1";

    /// <summary>The west end of the street.</summary>
    public static GeoPoint Destination => HandGraph.At(0, 0);

    /// <summary>The car park 100 m along, no feed.</summary>
    public static readonly Poi CarPark = new("hand-parking", PoiKind.Parking, "Parkhaus Teststraße", HandGraph.At(100, 20), Generated: true)
    {
        Parking = new ParkingInfo(200, 2, 12, Covered: true, MaxHeightM: 2.1, EvSpaces: 4, OpeningHours: null),
    };

    /// <summary>A restaurant 150 m along, open around the clock.</summary>
    public static readonly Poi Restaurant = new("hand-food", PoiKind.Restaurant, "Gasthaus Teststraße", HandGraph.At(150, 10), Generated: true)
    {
        Food = new FoodInfo("german", "24/7", 2, 4.2),
    };

    private static readonly Lazy<RegionMap> Map = new(() =>
        new RegionMap("Teststraße", "hand-made", HandGraph.Street((int)(LengthM / 100) + 1), [], [CarPark, Restaurant]));

    /// <summary>The region's services (no feeds).</summary>
    public static RegionServices Services() =>
        new(Map.Value, VehicleProfileReader.Load(RepoPaths.Get("models", "vehicle", "vw_id3.profile.json")), ScriptedDrive.Berlin, PublicHolidays.Berlin);

    /// <summary>A trip to the destination from <paramref name="eastM"/> metres along the street.</summary>
    public static TripState Trip(RegionServices services, double eastM, long nowNs, double socPercent = 80)
    {
        var trip = new TripState(services, Destination, DestinationName, 15, TimeSpan.FromHours(2));
        trip.Update(HandGraph.At(eastM, 0), socPercent / 100, nowNs, 20, force: true);
        return trip;
    }
}
