using EdgeAI.Assistant.Engine;
using EdgeAI.Assistant.Suggestions;
using EdgeAI.Services.Restaurants;
using EdgeAI.Services.Routing;

namespace EdgeAI.Assistant.Triggers;

/// <summary>
/// Food (convenience): the car arrives at a meal time (lunch <see cref="LunchFrom"/>–<see cref="LunchTo"/>, dinner
/// <see cref="DinnerFrom"/>–<see cref="DinnerTo"/>) and either the trip is long (more than <see cref="LongTripS"/> of
/// driving so far plus left) or the stay at the destination is an hour or more: propose the restaurant advisor's best
/// place that is open at arrival for a meal, on the way or by the destination. Quiet while a charging stop is pending
/// (one errand at a time) and while standing. The place proposed stays the proposal while the advisor still lists it.
/// The driver can also ask (the service tools answer).
/// </summary>
public sealed class FoodTrigger : ITrigger
{
    /// <summary>Lunch window, local time.</summary>
    public static readonly TimeSpan LunchFrom = new(11, 30, 0), LunchTo = new(14, 0, 0);
    /// <summary>Dinner window, local time.</summary>
    public static readonly TimeSpan DinnerFrom = new(18, 0, 0), DinnerTo = new(21, 0, 0);
    /// <summary>A trip longer than this (seconds) makes a meal stop worth proposing whatever the stay.</summary>
    public const double LongTripS = 90 * 60;
    private RestaurantAdvisor? _advisor;
    private RestaurantAdvice? _advice;
    private long _advisedForPlanNs = long.MinValue;
    private string? _proposed;

    /// <inheritdoc/>
    public string Kind => "food";

    /// <inheritdoc/>
    public SuggestionPriority Priority => SuggestionPriority.Convenience;

    /// <inheritdoc/>
    public TriggerPolicy Policy { get; } = new(HoldS: 10, ReleaseS: 30, LifetimeS: 120, CooldownS: 900);

    /// <summary>The restaurant accepted, or null.</summary>
    public string? Accepted { get; private set; }

    /// <inheritdoc/>
    public Proposal? Evaluate(AssistantMoment moment)
    {
        if (moment.Trip is not { ArrivalLocal: { } arrival, Position: { } here } trip || trip.Charger is not null || Accepted is not null) return null;
        if (!moment.MovingFasterThan(5)) return null;
        var at = arrival.TimeOfDay;
        bool mealTime = at >= LunchFrom && at <= LunchTo || at >= DinnerFrom && at <= DinnerTo;
        bool longTrip = moment.DriveSeconds + trip.RemainingS > LongTripS;
        if (!mealTime || !(longTrip || trip.Stay >= TimeSpan.FromHours(1))) return null;
        var services = trip.Services;
        _advisor ??= new RestaurantAdvisor(services.Map.Pois, services.Holidays);
        var detours = new RouteDetours(services.Trips.Router, here, trip.Destination, services.TrafficAt(DateTimeOffset.UnixEpoch.AddTicks(moment.NowNs / 100)));
        // The advisor (10-14 ms) runs once per trip plan, i.e. every 5 s of drive, not at every tick.
        if (_advice is null || trip.PlannedNs != _advisedForPlanNs)
        {
            _advice = _advisor.Advise(new RestaurantRequest(moment.LocalTime, DinerProfile.Any, detours) { IncludeCafes = false });
            _advisedForPlanNs = trip.PlannedNs;
        }
        var advice = _advice;
        if (advice.Candidates.Count == 0) return null;
        var best = advice.Candidates.FirstOrDefault(c => c.Poi.Id == _proposed) ?? advice.Candidates[0];
        _proposed = best.Poi.Id;
        var facts = new List<Fact>
        {
            Facts.Name("restaurant", best.Poi.Name, "restaurant_advisor"),
            Facts.Text("cuisine", best.Poi.Food?.Cuisine ?? "food", "map"),
            Facts.Time("arrival", best.Arrival, "restaurant_advisor"),
            Facts.Name("destination", trip.DestinationName, "scenario"),
            Facts.Number("detour", best.DetourMinutes, 0, "min", "restaurant_advisor"),
        };
        if (best.OpenUntil is { } until) facts.Add(Facts.Time("open_until", until, "opening_hours"));
        string reason = $"arriving {facts[2].Value} at lunch or dinner time for a stay of {trip.Stay.TotalHours:0.#} h; {best.Explanation}";
        var actions = new List<SuggestionAction> { SuggestionAction.Accept("Add to trip"), SuggestionAction.Dismiss() };
        if (advice.Candidates.FirstOrDefault(c => c.Poi.Id != best.Poi.Id) is { } second) actions.Insert(1, new SuggestionAction("alt:" + second.Poi.Id, second.Poi.Name));
        return new Proposal(best.Poi.Id, best.OpenUntil is null ? "food.open" : "food.open_until", facts, reason, actions);
    }

    /// <inheritdoc/>
    public void OnAction(Proposal proposal, string actionId, AssistantMoment moment) =>
        Accepted = actionId.StartsWith("alt:", StringComparison.Ordinal) ? actionId[4..] : proposal.Key;
}
