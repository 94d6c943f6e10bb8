using EdgeAI.Services.Charging;
using EdgeAI.Services.Energy;
using EdgeAI.Services.Map;
using EdgeAI.Services.OpeningHours;

namespace EdgeAI.Services;

/// <summary>
/// The on-device services of one region for one car, built once and shared by the assistant's tools and the commands:
/// the map, the trip planner (routing, energy, charging stops), the region's time zone and public holidays.
/// </summary>
public sealed class RegionServices
{
    /// <summary>Services on <paramref name="map"/> for the car <paramref name="vehicle"/>.</summary>
    public RegionServices(RegionMap map, VehicleProfile vehicle, TimeZoneInfo timeZone, IHolidayCalendar holidays)
    {
        Map = map ?? throw new ArgumentNullException(nameof(map));
        Vehicle = vehicle ?? throw new ArgumentNullException(nameof(vehicle));
        TimeZone = timeZone ?? throw new ArgumentNullException(nameof(timeZone));
        Holidays = holidays ?? throw new ArgumentNullException(nameof(holidays));
        Trips = new TripPlanner(map.Graph, vehicle);
    }

    /// <summary>Roads, signals and places.</summary>
    public RegionMap Map { get; }

    /// <summary>The car the energy and charging figures are for.</summary>
    public VehicleProfile Vehicle { get; }

    /// <summary>The region's time zone (opening hours and arrival times are local).</summary>
    public TimeZoneInfo TimeZone { get; }

    /// <summary>The region's public holidays (opening hours' <c>PH</c>).</summary>
    public IHolidayCalendar Holidays { get; }

    /// <summary>Routes with energy and charging stops.</summary>
    public TripPlanner Trips { get; }

    /// <summary>Parking occupancy (free spaces per car park over time), when a live feed is there.</summary>
    public Feeds.Feed? ParkingOccupancy { get; init; }

    /// <summary>Free charging points per charger over time, when a live feed is there.</summary>
    public Feeds.Feed? ChargerAvailability { get; init; }

    /// <summary>The places to plan with at <paramref name="instant"/>: every POI except chargers the availability feed
    /// reports with no free point then (a charger the feed does not know stays in).</summary>
    public IReadOnlyList<Map.Poi> PlacesAt(DateTimeOffset instant)
    {
        if (ChargerAvailability is not { } feed) return Map.Pois;
        var local = LocalTime(instant);
        return Map.Pois.Where(p => p.Charger is null || !feed.TryValueAt(p.Id, local, out var free, out _) || free > 0).ToList();
    }

    /// <summary>Traffic speed factors per edge over time, when a live feed is there (routes and ETAs use them).</summary>
    public Feeds.Feed? Traffic { get; init; }

    /// <summary>The travel-time factors at <paramref name="instant"/> from <see cref="Traffic"/>, or null (free flow).</summary>
    public Routing.TrafficFactors? TrafficAt(DateTimeOffset instant) =>
        Traffic is { } feed ? Routing.TrafficFactors.FromFeed(feed, Map.Graph, LocalTime(instant)) : null;

    /// <summary>Local time of an instant in the region.</summary>
    public DateTime LocalTime(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, TimeZone).DateTime;
}
