using EdgeAI.Assistant.Engine;
using EdgeAI.Assistant.Suggestions;
using EdgeAI.Fusion.Context;

namespace EdgeAI.Assistant.Triggers;

/// <summary>
/// A safety reminder with one rule: a condition over valid context keys while the car moves faster than
/// <see cref="MovingKmh"/>. Every input must be valid; a stale or implausible one makes the rule false. The concrete
/// rules follow.
/// </summary>
public abstract class SafetyReminder : ITrigger
{
    /// <summary>The speed above which the car counts as moving for the reminder.</summary>
    protected virtual double MovingKmh => 5;

    /// <inheritdoc/>
    public string Kind => "safety";

    /// <inheritdoc/>
    public SuggestionPriority Priority => SuggestionPriority.Safety;

    /// <inheritdoc/>
    public TriggerPolicy Policy { get; } = new(HoldS: 2, ReleaseS: 2, LifetimeS: 60, CooldownS: 30);

    /// <summary>The template's name and its rule key.</summary>
    protected abstract string Template { get; }

    /// <summary>The facts when the rule holds, else null.</summary>
    protected abstract List<Fact>? Check(AssistantMoment moment);

    /// <summary>Why, from the facts.</summary>
    protected abstract string Reason(List<Fact> facts);

    /// <inheritdoc/>
    public Proposal? Evaluate(AssistantMoment moment)
    {
        if (!moment.TryNumber(ContextKeys.Speed, out double speed) || speed <= MovingKmh) return null;
        if (Check(moment) is not { } facts) return null;
        facts.Add(Facts.Number("speed", speed, 0, "km/h", ContextKeys.Speed));
        return new Proposal(Template, Template, facts, Reason(facts), [SuggestionAction.Accept("OK")]);
    }
}

/// <summary>The driver's belt is unbuckled while moving (the seat is occupied where the map says so).</summary>
public sealed class BeltTrigger : SafetyReminder
{
    /// <inheritdoc/>
    protected override double MovingKmh => 10;

    /// <inheritdoc/>
    protected override string Template => "safety.belt";

    /// <inheritdoc/>
    protected override List<Fact>? Check(AssistantMoment moment) =>
        moment.TryFlag(ContextKeys.DriverBelt, out bool belted) && !belted ? [] : null;

    /// <inheritdoc/>
    protected override string Reason(List<Fact> facts) => $"driver belt unbuckled at {facts[^1].Shown}";
}

/// <summary>A door, the trunk or the hood is open while moving (at drive-off, or opened on the way).</summary>
public sealed class DoorOpenTrigger : SafetyReminder
{
    private static readonly (string Key, string Name)[] Openings =
    [
        (ContextKeys.DoorDriver, "driver door"), (ContextKeys.DoorPassenger, "passenger door"), (ContextKeys.DoorRearLeft, "rear left door"),
        (ContextKeys.DoorRearRight, "rear right door"), (ContextKeys.Trunk, "trunk"), ("Vehicle.Body.Hood.IsOpen", "hood"),
    ];

    /// <inheritdoc/>
    protected override string Template => "safety.door";

    /// <inheritdoc/>
    protected override List<Fact>? Check(AssistantMoment moment)
    {
        foreach (var (key, name) in Openings)
            if (moment.TryFlag(key, out bool open) && open) return [Facts.Text("opening", name, key)];
        return null;
    }

    /// <inheritdoc/>
    protected override string Reason(List<Fact> facts) => $"{facts[0].Value} open at {facts[^1].Shown}";
}

/// <summary>The charge port flap is open while moving.</summary>
public sealed class ChargePortTrigger : SafetyReminder
{
    /// <summary>The key of the flap (COVESA VSS).</summary>
    public const string ChargePortFlap = "Vehicle.Powertrain.TractionBattery.Charging.ChargePortFlap";

    /// <inheritdoc/>
    protected override double MovingKmh => 2;

    /// <inheritdoc/>
    protected override string Template => "safety.charge_port";

    /// <inheritdoc/>
    protected override List<Fact>? Check(AssistantMoment moment) =>
        moment.Label(ChargePortFlap) is { } state && state.Equals("open", StringComparison.OrdinalIgnoreCase) ? [] : null;

    /// <inheritdoc/>
    protected override string Reason(List<Fact> facts) => $"charge port open at {facts[^1].Shown}";
}

/// <summary>The parking brake is engaged while moving.</summary>
public sealed class ParkingBrakeTrigger : SafetyReminder
{
    /// <inheritdoc/>
    protected override string Template => "safety.parking_brake";

    /// <inheritdoc/>
    protected override List<Fact>? Check(AssistantMoment moment) =>
        moment.TryFlag(ContextKeys.ParkingBrake, out bool on) && on ? [] : null;

    /// <inheritdoc/>
    protected override string Reason(List<Fact> facts) => $"parking brake engaged at {facts[^1].Shown}";
}
