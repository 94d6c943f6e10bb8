using EdgeAI.Assistant.Engine;
using EdgeAI.Assistant.Suggestions;
using EdgeAI.Assistant.Trip;
using EdgeAI.Fusion.Context;
using EdgeAI.Services.Charging;

namespace EdgeAI.Assistant.Triggers;

/// <summary>
/// Charging (navigation): the rest of the route needs more energy than is left above the reserve, so the trip planner's
/// first stop is proposed, with the next-best charger on the route as the alternative. It switches on when the plan
/// needs a stop and off only when the charge above the reserve covers the route's energy by
/// <see cref="ReleaseMargin"/> (hysteresis), or a stop was accepted. Accepting puts the stop into the trip.
/// Needs a valid state of charge and a plan; quiet while the car charges.
/// </summary>
public sealed class ChargingTrigger : ITrigger
{
    /// <summary>The charge above the reserve must exceed the route's energy by this factor to switch off.</summary>
    public const double ReleaseMargin = 1.1;
    private bool _needed;
    private ChargingStop? _last;

    /// <inheritdoc/>
    public string Kind => "charging";

    /// <inheritdoc/>
    public SuggestionPriority Priority => SuggestionPriority.Navigation;

    /// <inheritdoc/>
    public TriggerPolicy Policy { get; } = new(HoldS: 3, ReleaseS: 10, LifetimeS: 180, CooldownS: 120);

    /// <inheritdoc/>
    public Proposal? Evaluate(AssistantMoment moment)
    {
        if (moment.Trip is not { Plan: { } plan } trip || trip.Charger is not null) return null;
        if (!moment.TryNumber(ContextKeys.StateOfCharge, out double soc)) return null;
        if (moment.TryFlag(ContextKeys.IsCharging, out bool charging) && charging) return null;
        double battery = trip.Services.Vehicle.BatteryKwh;
        double aboveReserveKwh = (soc - trip.ReservePercent) / 100 * battery;
        var planned = plan.Charging;
        if (planned.Stops.Count > 0) _needed = true;
        else if (aboveReserveKwh >= plan.EnergyKwh * ReleaseMargin) _needed = false;
        if (!_needed) { _last = null; return null; }
        // Within the margin the planner may need no stop any more: the last one stays proposed while its charger is on the route.
        var stop = planned.Stops.Count > 0 ? planned.Stops[0]
            : _last is { } last && plan.Chargers.FirstOrDefault(c => c.Id == last.Charger.Id) is { } still ? last with { Charger = still } : null;
        if (stop is null) return null;
        _last = stop;
        var facts = new List<Fact>
        {
            Facts.Number("soc", soc, 0, "%", ContextKeys.StateOfCharge),
            Facts.Distance("route_left", trip.RemainingM, "trip_planner"),
            Facts.Number("reserve", trip.ReservePercent, 0, "%", "scenario"),
            Facts.Number("route_kwh", plan.EnergyKwh, 1, "kWh", "energy_model"),
            Facts.Name("charger", stop.Charger.Name, "charging_planner"),
            Facts.Number("charger_kw", stop.Charger.PowerKw, 0, "kW", "map"),
            Facts.Distance("charger_in", stop.Charger.AlongRouteM, "charging_planner"),
            Facts.Number("charge_min", Math.Max(1, stop.ChargeMinutes), 0, "min", "charging_planner"),
            Facts.Number("arrival_soc", planned.ArrivalSoc * 100, 0, "%", "charging_planner"),
            Facts.Name("destination", trip.DestinationName, "scenario"),
        };
        bool hasRange = moment.TryNumber(ContextKeys.Range, out double range);
        if (hasRange) facts.Add(Facts.Number("range", range, 0, "km", ContextKeys.Range));
        string reason = $"SoC {facts[0].Shown}{(hasRange ? $", {facts[^1].Shown} of range" : "")}, {facts[1].Shown} of route left needing {facts[3].Shown}, plus the {facts[2].Shown} reserve";
        var actions = new List<SuggestionAction> { SuggestionAction.Accept("Add the stop"), SuggestionAction.Dismiss() };
        var other = plan.Chargers.Where(c => c.Id != stop.Charger.Id).OrderByDescending(c => c.PowerKw).ThenBy(c => c.DetourToS + c.DetourFromS).FirstOrDefault();
        if (other is not null) actions.Insert(1, new SuggestionAction("alt:" + other.Id, other.Name));
        return new Proposal(stop.Charger.Id, "charging.stop", facts, reason, actions);
    }

    /// <inheritdoc/>
    public void OnAction(Proposal proposal, string actionId, AssistantMoment moment)
    {
        if (moment.Trip is not { Plan: { } plan } trip) return;
        string id = actionId.StartsWith("alt:", StringComparison.Ordinal) ? actionId[4..] : proposal.Key;
        var charger = plan.Chargers.FirstOrDefault(c => c.Id == id);
        var poi = trip.Poi(id);
        if (charger is null || poi is null) return;
        var stop = plan.Charging.Stops.FirstOrDefault(s => s.Charger.Id == id);
        double target = stop?.DepartureSoc ?? Math.Min(0.8, trip.ReservePercent / 100 + plan.EnergyKwh / trip.Services.Vehicle.BatteryKwh + 0.05);
        trip.Charger = new AcceptedStop(id, charger.Name, poi.Position, charger.PowerKw, target);
        trip.Invalidate();
        _needed = false;
        _last = null;
    }
}
