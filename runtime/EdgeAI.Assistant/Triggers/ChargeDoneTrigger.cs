using EdgeAI.Assistant.Engine;
using EdgeAI.Assistant.Suggestions;
using EdgeAI.Fusion.Context;

namespace EdgeAI.Assistant.Triggers;

/// <summary>
/// Enough charge (convenience; the trigger of our choosing): while charging at the accepted stop, once the state of
/// charge reaches what the plan leaves with, say that the car can go, and with how much it will arrive. No one wants to
/// wait at a charger longer than the trip needs, and fast charging slows down above it anyway. Switches off when
/// charging stops or the state of charge falls 2 points below the target (hysteresis).
/// </summary>
public sealed class ChargeDoneTrigger : ITrigger
{
    private bool _done;

    /// <inheritdoc/>
    public string Kind => "trip";

    /// <inheritdoc/>
    public SuggestionPriority Priority => SuggestionPriority.Convenience;

    /// <inheritdoc/>
    public TriggerPolicy Policy { get; } = new(HoldS: 2, ReleaseS: 2, LifetimeS: 600, CooldownS: 60);

    /// <inheritdoc/>
    public Proposal? Evaluate(AssistantMoment moment)
    {
        if (moment.Trip is not { Charger: { } stop, Plan: { } plan } trip) return null;
        if (!moment.TryFlag(ContextKeys.IsCharging, out bool charging) || !charging || !moment.TryNumber(ContextKeys.StateOfCharge, out double soc))
        {
            _done = false;
            return null;
        }
        double target = stop.TargetSoc * 100;
        if (soc >= target) _done = true;
        else if (soc < target - 2) _done = false;
        if (!_done) return null;
        double arrival = soc - plan.EnergyKwh / trip.Services.Vehicle.BatteryKwh * 100;
        var facts = new List<Fact>
        {
            Facts.Number("soc", soc, 0, "%", ContextKeys.StateOfCharge),
            Facts.Name("destination", trip.DestinationName, "scenario"),
            Facts.Number("arrival_soc", arrival, 0, "%", "energy_model"),
            Facts.Number("reserve", trip.ReservePercent, 0, "%", "scenario"),
            Facts.Name("charger", stop.Name, "charging_planner"),
        };
        return new Proposal(stop.PoiId, "trip.charged", facts,
            $"SoC {facts[0].Shown} reaches {trip.DestinationName} with {facts[2].Shown}, above the {facts[3].Shown} reserve",
            [SuggestionAction.Accept("OK"), SuggestionAction.Dismiss("Keep charging")]);
    }
}
