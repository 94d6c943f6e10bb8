using EdgeAI.Assistant.Engine;
using EdgeAI.Assistant.Suggestions;
using EdgeAI.Services.Parking;

namespace EdgeAI.Assistant.Triggers;

/// <summary>
/// Parking (convenience): approaching the destination (within <see cref="EnterM"/> of route, with no charging stop
/// pending), propose the parking advisor's best car park at the arrival time, with the runner-up as the alternative.
/// The car park proposed stays the proposal while the advisor still lists it (no churn as the car moves). Switches off
/// beyond <see cref="ExitM"/> (hysteresis) and on arrival. Needs a plan.
/// </summary>
public sealed class ParkingTrigger : ITrigger
{
    /// <summary>Route metres left from which parking is proposed.</summary>
    public const double EnterM = 1000;
    /// <summary>Route metres left beyond which it switches off again.</summary>
    public const double ExitM = 1300;
    /// <summary>Route metres left under which the car has arrived.</summary>
    public const double ArrivedM = 60;
    private ParkingAdvisor? _advisor;
    private ParkingAdvice? _advice;
    private long _advisedForPlanNs = long.MinValue;
    private bool _near;
    private string? _proposed;

    /// <inheritdoc/>
    public string Kind => "parking";

    /// <inheritdoc/>
    public SuggestionPriority Priority => SuggestionPriority.Convenience;

    /// <inheritdoc/>
    public TriggerPolicy Policy { get; } = new(HoldS: 5, ReleaseS: 10, LifetimeS: 240, CooldownS: 300);

    /// <summary>The car park accepted, or null.</summary>
    public string? Accepted { get; private set; }

    /// <inheritdoc/>
    public Proposal? Evaluate(AssistantMoment moment)
    {
        if (moment.Trip is not { ArrivalLocal: { } arrival } trip || trip.Charger is not null || Accepted is not null) return null;
        double left = trip.RemainingM;
        if (!double.IsFinite(left)) return null;
        if (left <= EnterM) _near = true;
        else if (left > ExitM) _near = false;
        if (!_near || left < ArrivedM) return null;
        var services = trip.Services;
        _advisor ??= new ParkingAdvisor(services.Map.Graph, services.Map.Pois, services.ParkingOccupancy, services.Holidays);
        // Once per trip plan (every 5 s of drive), not at every tick.
        if (_advice is null || trip.PlannedNs != _advisedForPlanNs)
        {
            _advice = _advisor.Advise(new ParkingRequest(trip.Destination, moment.LocalTime, arrival, trip.Stay));
            _advisedForPlanNs = trip.PlannedNs;
        }
        var advice = _advice;
        if (advice.Candidates.Count == 0) return null;
        var best = advice.Candidates.FirstOrDefault(c => c.Poi.Id == _proposed) ?? advice.Candidates[0];
        _proposed = best.Poi.Id;
        var facts = new List<Fact>
        {
            Facts.Name("parking", best.Poi.Name, "parking_advisor"),
            Facts.Distance("walk", best.WalkM, "parking_advisor"),
            Facts.Number("price", best.PriceEur, 2, "EUR", "parking_advisor"),
            Facts.Number("stay_h", trip.Stay.TotalHours, 1, "h", "scenario"),
            Facts.Time("arrival", arrival, "trip_planner"),
            Facts.Name("destination", trip.DestinationName, "scenario"),
            Facts.Distance("route_left", left, "trip_planner"),
        };
        if (best.Forecast.Free is { } free) facts.Add(Facts.Number("free", free, 0, "spaces", "parking_feed"));
        string reason = $"{facts[6].Shown} to {trip.DestinationName}, arriving {facts[4].Value}; {best.Explanation}";
        var actions = new List<SuggestionAction> { SuggestionAction.Accept("Navigate there"), SuggestionAction.Dismiss() };
        if (advice.Candidates.FirstOrDefault(c => c.Poi.Id != best.Poi.Id) is { } second) actions.Insert(1, new SuggestionAction("alt:" + second.Poi.Id, second.Poi.Name));
        return new Proposal(best.Poi.Id, best.Forecast.Free is null ? "parking.best" : "parking.best_free", facts, reason, actions);
    }

    /// <inheritdoc/>
    public void OnAction(Proposal proposal, string actionId, AssistantMoment moment) =>
        Accepted = actionId.StartsWith("alt:", StringComparison.Ordinal) ? actionId[4..] : proposal.Key;
}
