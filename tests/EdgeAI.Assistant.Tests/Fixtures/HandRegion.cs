using EdgeAI.Assistant.Trip;
using EdgeAI.Services;
using EdgeAI.Services.Energy;
using EdgeAI.Services.Feeds;
using EdgeAI.Services.Geo;
using EdgeAI.Services.Map;
using EdgeAI.Services.OpeningHours;
using EdgeAI.TestKit;

namespace EdgeAI.Assistant.Tests.Fixtures;

/// <summary>
/// A region on the hand-made street of <see cref="HandGraph"/>: 4 km due east, nodes every 100 m, 50 km/h, the
/// destination at its west end, a covered car park and a restaurant open around the clock by it. Where the demo region
/// is too small (its longest route to the destination is under 2 km), distances and times here can be worked out by hand.
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

    /// <summary>The region's services; <paramref name="speedFactor"/> below 1 is a jam on every edge (0.3: 15 km/h).</summary>
    public static RegionServices Services(double speedFactor = 1)
    {
        var map = Map.Value;
        var car = VehicleProfileReader.Load(RepoPaths.Get("models", "vehicle", "vw_id3.profile.json"));
        long since = new DateTime(2026, 1, 1).Ticks;
        return new RegionServices(map, car, ScriptedDrive.Berlin, PublicHolidays.Berlin)
        {
            Traffic = speedFactor == 1 ? null : new Feed(FeedKind.TrafficSpeed, map.Graph.Edges.Select(e => (e.Id, new[] { since }, new[] { speedFactor }))),
        };
    }

    /// <summary>A trip to the destination from <paramref name="eastM"/> metres along the street.</summary>
    public static TripState Trip(RegionServices services, double eastM, long nowNs, double socPercent = 80)
    {
        var trip = new TripState(services, Destination, DestinationName, 15, TimeSpan.FromHours(2));
        trip.Update(HandGraph.At(eastM, 0), socPercent / 100, nowNs, 20, force: true);
        return trip;
    }
}
