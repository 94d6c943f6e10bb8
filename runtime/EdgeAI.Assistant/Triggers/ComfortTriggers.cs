using EdgeAI.Assistant.Engine;
using EdgeAI.Assistant.Suggestions;
using EdgeAI.Fusion.Context;

namespace EdgeAI.Assistant.Triggers;

/// <summary>
/// Demister (information): the wipers are on and the windscreen is cold (below <see cref="ColdScreenC"/>) or the cabin
/// humid (above <see cref="HumidPercent"/>), with the front defroster off, so the screen is about to mist up. Switches
/// off once the screen is 2 °C warmer and the cabin 5 points drier than the thresholds (hysteresis), or the defroster runs.
/// </summary>
public sealed class DemisterTrigger : ITrigger
{
    /// <summary>The windscreen's temperature key.</summary>
    public const string WindscreenTemperature = "EdgeAI.Cabin.WindscreenTemperature";
    /// <summary>The cabin's humidity key (CAN; the cabin sensor's is used when CAN has none).</summary>
    public const string Humidity = "EdgeAI.Cabin.Humidity";
    /// <summary>The front defroster's key.</summary>
    public const string Defroster = "Vehicle.Cabin.HVAC.IsFrontDefrosterActive";
    /// <summary>Windscreen temperature under which it mists, °C.</summary>
    public const double ColdScreenC = 5;
    /// <summary>Cabin humidity above which it mists, %.</summary>
    public const double HumidPercent = 75;
    private bool _on;

    /// <inheritdoc/>
    public string Kind => "comfort";

    /// <inheritdoc/>
    public SuggestionPriority Priority => SuggestionPriority.Information;

    /// <inheritdoc/>
    public TriggerPolicy Policy { get; } = new(HoldS: 20, ReleaseS: 30, LifetimeS: 60, CooldownS: 600);

    /// <inheritdoc/>
    public Proposal? Evaluate(AssistantMoment moment)
    {
        if (!moment.TryNumber(ContextKeys.Wipers, out double wipers) || wipers <= 0) { _on = false; return null; }
        // The defroster's flag, where the car has one, must be valid: a stale "off" could be on.
        var defroster = moment.Context.Read(Defroster, moment.NowNs);
        if (defroster.HasValue && (!defroster.IsValid || defroster.IsSet)) { _on = false; return null; }
        bool hasScreen = moment.TryNumber(WindscreenTemperature, out double screen);
        string humidityKey = Humidity;
        bool hasHumidity = moment.TryNumber(Humidity, out double humidity);
        if (!hasHumidity && moment.TryNumber(ContextKeys.SensorCabinHumidity, out humidity)) (hasHumidity, humidityKey) = (true, ContextKeys.SensorCabinHumidity);
        if (!hasScreen && !hasHumidity) { _on = false; return null; }
        bool cold = hasScreen && screen < ColdScreenC, humid = hasHumidity && humidity > HumidPercent;
        if (cold || humid) _on = true;
        else if ((!hasScreen || screen > ColdScreenC + 2) && (!hasHumidity || humidity < HumidPercent - 5)) _on = false;
        if (!_on) return null;
        var facts = new List<Fact>();
        if (hasScreen) facts.Add(Facts.Number("screen_c", screen, 0, "°C", WindscreenTemperature));
        if (hasHumidity) facts.Add(Facts.Number("humidity", humidity, 0, "%", humidityKey));
        string template = hasScreen && hasHumidity ? "comfort.demister" : hasScreen ? "comfort.demister_cold" : "comfort.demister_humid";
        return new Proposal("demister", template, facts, $"wipers on, {string.Join(", ", facts.Select(f => f.Name + " " + f.Shown))}, defroster off",
            [SuggestionAction.Accept("Turn on"), SuggestionAction.Dismiss()]);
    }
}

/// <summary>
/// Pre-conditioning (information): the cabin was very hot (above <see cref="HotC"/>) or cold (below
/// <see cref="ColdC"/>) when the trip began, so next time the car can be warmed or cooled before the driver gets in.
/// Said once per trip, in the first <see cref="WithinS"/> of it, while the car stands or drives slowly.
/// </summary>
public sealed class PreconditionTrigger : ITrigger
{
    /// <summary>Cabin temperature above which it was hot, °C.</summary>
    public const double HotC = 30;
    /// <summary>Cabin temperature below which it was cold, °C.</summary>
    public const double ColdC = 10;
    /// <summary>Seconds of trip within which it is said.</summary>
    public const double WithinS = 180;
    private double _entryC = double.NaN;

    /// <inheritdoc/>
    public string Kind => "comfort";

    /// <inheritdoc/>
    public SuggestionPriority Priority => SuggestionPriority.Information;

    /// <inheritdoc/>
    public TriggerPolicy Policy { get; } = new(HoldS: 5, ReleaseS: 5, LifetimeS: 30, CooldownS: 3600);

    /// <inheritdoc/>
    public Proposal? Evaluate(AssistantMoment moment)
    {
        if (!moment.TryNumber(ContextKeys.TripDuration, out double tripS) || tripS > WithinS) return null;
        if (double.IsNaN(_entryC) && moment.TryNumber(ContextKeys.CabinTemperature, out double cabin)) _entryC = cabin;
        if (double.IsNaN(_entryC) || _entryC is >= ColdC and <= HotC) return null;
        var facts = new List<Fact> { Facts.Number("cabin_c", _entryC, 0, "°C", ContextKeys.CabinTemperature) };
        if (moment.TryNumber(ContextKeys.OutsideTemperature, out double outside)) facts.Add(Facts.Number("outside_c", outside, 0, "°C", ContextKeys.OutsideTemperature));
        bool hot = _entryC > HotC;
        return new Proposal(hot ? "hot" : "cold", hot ? "comfort.precondition_hot" : "comfort.precondition_cold", facts,
            $"cabin at {facts[0].Shown} when the trip began", [SuggestionAction.Accept("Remind me"), SuggestionAction.Dismiss()]);
    }
}
