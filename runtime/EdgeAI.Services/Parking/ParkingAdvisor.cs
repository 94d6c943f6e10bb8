using System.Globalization;
using EdgeAI.Services.Feeds;
using EdgeAI.Services.Geo;
using EdgeAI.Services.Map;
using EdgeAI.Services.OpeningHours;

namespace EdgeAI.Services.Parking;

/// <summary>
/// Finds car parks within walking distance of a destination and ranks them.
/// </summary>
/// <remarks>
/// <para>Walk: straight from the destination to its nearest graph node, the shortest path on the road graph walked both
/// ways, straight from the car park's nearest node to it; at 1.4 m/s.</para>
/// <para>Refused (listed in <see cref="ParkingAdvice.Rejected"/>): lower than the vehicle, no EV space when one is
/// needed, closed at the arrival or closing before the stay ends (opening hours it cannot read count as closed), and
/// full (fewer than 1 free predicted with confidence ≥ 0.5).</para>
/// <para>Score, in minutes, lower is better: the walk there and back (2 × walk minutes) + 2 minutes per euro (time valued
/// at €30/h) + 10 minutes × (1 − p), p the chance to find a space = c·min(1, free/10) + (1 − c)·0.5 with c the
/// forecast's confidence (no forecast: p = 0.5). Ties go to the lower POI id.</para>
/// </remarks>
public sealed class ParkingAdvisor
{
    private readonly WalkingGraph _walking;
    private readonly List<Poi> _carParks = [];
    private readonly OccupancyForecaster _forecaster;
    private readonly IHolidayCalendar _holidays;
    private readonly Dictionary<string, OpeningHoursRule?> _hours = new(StringComparer.Ordinal);

    /// <summary>An advisor over the car parks among <paramref name="pois"/>.</summary>
    /// <param name="graph">The road graph walked on.</param>
    /// <param name="pois">POIs; those with <see cref="Poi.Parking"/> are used.</param>
    /// <param name="occupancy">The live parking feed, or null.</param>
    /// <param name="holidays">Public holidays for <c>PH</c> in opening hours (default Berlin).</param>
    public ParkingAdvisor(RoadGraph graph, IEnumerable<Poi> pois, Feed? occupancy, IHolidayCalendar? holidays = null)
    {
        if (occupancy is not null && occupancy.Kind != FeedKind.ParkingOccupancy)
            throw new ArgumentException($"expected a {FeedKind.ParkingOccupancy} feed, got {occupancy.Kind}", nameof(occupancy));
        _walking = new WalkingGraph(graph);
        foreach (var p in pois)
        {
            if (p.Parking is not { } info) continue;
            _carParks.Add(p);
            _hours[p.Id] = info.OpeningHours is null ? null : OpeningHoursRule.TryParse(info.OpeningHours, out var rule, out _) ? rule : null;
        }
        _forecaster = new OccupancyForecaster(occupancy);
        _holidays = holidays ?? PublicHolidays.Berlin;
    }

    /// <summary>The car parks for a request: usable ones ranked, and refused ones with the reason.</summary>
    public ParkingAdvice Advise(ParkingRequest request)
    {
        var (destNode, destOffset) = _walking.NearestNode(request.Destination);
        var distances = _walking.DistancesFrom(destNode, request.MaxWalkM);
        var candidates = new List<ParkingCandidate>();
        var rejected = new List<ParkingRejection>();
        foreach (var poi in _carParks)
        {
            var info = poi.Parking!;
            var (node, offset) = _walking.NearestNode(poi.Position);
            double walk = destOffset + distances[node] + offset;
            if (!(walk <= request.MaxWalkM)) continue;
            var forecast = _forecaster.Forecast(poi.Id, info.Capacity, request.Now, request.Arrival);
            string? reason = Refusal(poi, info, request, forecast);
            if (reason is not null)
            {
                rejected.Add(new ParkingRejection(poi, $"{poi.Name}: {reason}"));
                continue;
            }
            double walkSeconds = walk / WalkingGraph.WalkingSpeedMps;
            double price = ParkingTariff.PriceEur(info, request.Stay);
            double c = forecast.Free is null ? 0 : forecast.Confidence;
            double p = c * Math.Min(1, (forecast.Free ?? 0) / 10) + (1 - c) * 0.5;
            double score = 2 * walkSeconds / 60 + 2 * price + 10 * (1 - p);
            candidates.Add(new ParkingCandidate(poi, walk, walkSeconds, forecast, price, score, Explain(poi, info, walk, walkSeconds, forecast, price, request)));
        }
        candidates.Sort((a, b) => a.Score != b.Score ? a.Score.CompareTo(b.Score) : string.CompareOrdinal(a.Poi.Id, b.Poi.Id));
        return new ParkingAdvice(candidates, rejected);
    }

    private string? Refusal(Poi poi, ParkingInfo info, ParkingRequest request, ParkingForecast forecast)
    {
        var inv = CultureInfo.InvariantCulture;
        if (request.VehicleHeightM is { } height && info.MaxHeightM is { } limit && limit < height)
            return string.Create(inv, $"too low: {limit:F2} m limit, car {height:F2} m");
        if (request.NeedsEvSpace && info.EvSpaces == 0) return "no EV spaces";
        if (info.OpeningHours is not null)
        {
            if (_hours[poi.Id] is not { } rule) return $"opening hours not understood ({info.OpeningHours})";
            if (rule.StateAt(request.Arrival, _holidays) != OpeningState.Open) return string.Create(inv, $"closed at {request.Arrival:HH:mm} ({info.OpeningHours})");
            if (!rule.IsOpenThrough(request.Arrival, request.Stay, _holidays))
                return string.Create(inv, $"closes before the stay ends at {request.Arrival + request.Stay:HH:mm} ({info.OpeningHours})");
        }
        if (forecast.Free is { } free && free < 1 && forecast.Confidence >= 0.5)
            return string.Create(inv, $"full: ~0 free at {request.Arrival:HH:mm} (confidence {forecast.Confidence:F2})");
        return null;
    }

    private static string Explain(Poi poi, ParkingInfo info, double walk, double walkSeconds, ParkingForecast forecast, double price, ParkingRequest request)
    {
        var inv = CultureInfo.InvariantCulture;
        string free = forecast.Free is { } f
            ? forecast.SampledAt is { } at
                ? string.Create(inv, $"~{Math.Round(f):F0} free at {request.Arrival:HH:mm} (feed {at:HH:mm}, confidence {forecast.Confidence:F1})")
                : string.Create(inv, $"~{Math.Round(f):F0} free at {request.Arrival:HH:mm} (usual for the time of day, confidence {forecast.Confidence:F1})")
            : "no occupancy data";
        string cost = price > 0 ? string.Create(inv, $"€{price:F2} for {Hours(request.Stay)}") : $"free of charge for {Hours(request.Stay)}";
        string ev = info.EvSpaces switch { 0 => "", 1 => ", 1 EV space", var n => $", {n} EV spaces" };
        string height = info.MaxHeightM is { } h ? string.Create(inv, $", max {h:F2} m") : "";
        return string.Create(inv, $"{poi.Name}: {walk:F0} m walk ({Math.Max(1, Math.Round(walkSeconds / 60)):F0} min), {free}, {cost}{ev}{height}");
    }

    private static string Hours(TimeSpan stay) => stay.TotalMinutes % 60 == 0
        ? string.Create(CultureInfo.InvariantCulture, $"{stay.TotalHours:F0} h")
        : string.Create(CultureInfo.InvariantCulture, $"{(int)stay.TotalHours} h {stay.Minutes} min");
}
