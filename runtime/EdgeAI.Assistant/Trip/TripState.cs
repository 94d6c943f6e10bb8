using EdgeAI.Services;
using EdgeAI.Services.Charging;
using EdgeAI.Services.Geo;
using EdgeAI.Services.Map;
using EdgeAI.Services.Routing;

namespace EdgeAI.Assistant.Trip;

/// <summary>
/// The trip the assistant plans for: where to, the reserve to keep, the planned stay, and the plan from where the car is
/// now (route, energy, charging stops), refreshed every <see cref="ReplanEveryS"/> of drive time. A charging stop the
/// driver accepted (<see cref="Charger"/>) puts the route through the charger until the car has charged there and left.
/// </summary>
public sealed class TripState
{
    /// <summary>A trip to <paramref name="destination"/> in the region of <paramref name="services"/>.</summary>
    public TripState(RegionServices services, GeoPoint destination, string destinationName, double reservePercent, TimeSpan stay)
    {
        Services = services ?? throw new ArgumentNullException(nameof(services));
        Destination = destination;
        DestinationName = destinationName;
        ReservePercent = reservePercent;
        Stay = stay;
    }

    /// <summary>Seconds of drive between two plans.</summary>
    public double ReplanEveryS { get; init; } = 5;

    /// <summary>The region's services.</summary>
    public RegionServices Services { get; }

    /// <summary>Where the trip goes.</summary>
    public GeoPoint Destination { get; }

    /// <summary>How the destination is called.</summary>
    public string DestinationName { get; }

    /// <summary>Charge to keep at every arrival, percent.</summary>
    public double ReservePercent { get; }

    /// <summary>The planned stay at the destination.</summary>
    public TimeSpan Stay { get; }

    /// <summary>The car's last known position, or null before the first fix.</summary>
    public GeoPoint? Position { get; private set; }

    /// <summary>The plan from <see cref="Position"/> to the destination as of the last update (with the stops the planner
    /// would make), or null when there is no position or no route.</summary>
    public TripPlan? Plan { get; private set; }

    /// <summary>The accepted charging stop, or null.</summary>
    public AcceptedStop? Charger { get; set; }

    /// <summary>Metres left to the destination (through the accepted charger, while it is ahead); NaN without a plan.</summary>
    public double RemainingM { get; private set; } = double.NaN;

    /// <summary>Seconds of driving left (without charging); NaN without a plan.</summary>
    public double RemainingS { get; private set; } = double.NaN;

    /// <summary>Expected arrival in local time (driving time plus the accepted stop's charging); null without a plan.</summary>
    public DateTime? ArrivalLocal { get; private set; }

    /// <summary>When the plan was made (the drive's clock, ns).</summary>
    public long PlannedNs { get; private set; } = long.MinValue;

    /// <summary>Plans made so far.</summary>
    public int Plans { get; private set; }

    /// <summary>Updates the position and, when due (or <paramref name="force"/>), the plan.</summary>
    /// <param name="position">Where the car is.</param>
    /// <param name="soc">State of charge, 0..1.</param>
    /// <param name="nowNs">The drive's clock.</param>
    /// <param name="outsideC">Outside temperature (the energy model's HVAC load).</param>
    /// <param name="force">Plan now, whatever the interval.</param>
    public void Update(GeoPoint position, double soc, long nowNs, double outsideC, bool force = false)
    {
        Position = position;
        if (!force && PlannedNs != long.MinValue && (nowNs - PlannedNs) / 1e9 < ReplanEveryS) return;
        PlannedNs = nowNs;
        Plans++;
        var instant = DateTimeOffset.UnixEpoch.AddTicks(nowNs / 100);
        var traffic = Services.TrafficAt(instant);
        Plan = Services.Trips.Plan(position, Destination, soc, Services.PlacesAt(instant), instant, outsideC, traffic);
        if (Plan is null) { RemainingM = RemainingS = double.NaN; ArrivalLocal = null; return; }
        RemainingM = Plan.Route.LengthM;
        RemainingS = Plan.Route.TravelTimeS;
        double chargeS = 0;
        if (Charger is { Reached: false } stop && Services.Trips.Router is var router
            && router.Find(position, stop.Position, traffic) is { } there && router.Find(stop.Position, Destination, traffic) is { } onwards)
        {
            RemainingM = there.LengthM + onwards.LengthM;
            RemainingS = there.TravelTimeS + onwards.TravelTimeS;
            double kwh = Math.Max(0, stop.TargetSoc - soc) * Services.Vehicle.BatteryKwh;
            chargeS = kwh / Math.Max(1, stop.PowerKw * 0.8) * 3600;
        }
        ArrivalLocal = Services.LocalTime(instant.AddSeconds(RemainingS + chargeS));
    }

    /// <summary>
    /// Follows the accepted stop: charging while one is accepted marks it reached; moving off after that ends it, and
    /// the route goes straight to the destination again.
    /// </summary>
    public void ObserveCharging(bool charging, bool moving)
    {
        if (Charger is not { } stop) return;
        if (charging) stop.Reached = true;
        else if (stop.Reached && moving)
        {
            Charger = null;
            Invalidate();
        }
    }

    /// <summary>Forces the next <see cref="Update"/> to plan (after the route changed: a stop accepted).</summary>
    public void Invalidate() => PlannedNs = long.MinValue;

    /// <summary>The POI of <paramref name="id"/>, or null.</summary>
    public Poi? Poi(string id) => Services.Map.Pois.FirstOrDefault(p => p.Id == id);
}
