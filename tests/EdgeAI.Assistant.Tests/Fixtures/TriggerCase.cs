using EdgeAI.Assistant.Engine;
using EdgeAI.Assistant.Trip;
using EdgeAI.Assistant.Triggers;
using EdgeAI.Fusion.Context;

namespace EdgeAI.Assistant.Tests.Fixtures;

/// <summary>
/// One trigger with a script that makes its condition true from the first tick and keeps it true, for the rules every
/// trigger must keep (<see cref="TriggerCases"/>).
/// </summary>
/// <param name="Name">The case's name (the theory's argument).</param>
/// <param name="Create">A fresh trigger.</param>
/// <param name="Arrange">Sends the inputs that make it fire (and sets the trip or the light).</param>
/// <param name="Template">The template it then proposes.</param>
/// <param name="Inputs">The context keys it needs: each one stale or never seen must keep it quiet.</param>
/// <param name="Implausible">Per key, a value out of its plausible range that would make it fire if it were believed.</param>
public sealed record TriggerCase(string Name, Func<ITrigger> Create, Action<ScriptedDrive> Arrange, string Template,
    IReadOnlyList<string> Inputs, IReadOnlyDictionary<string, double> Implausible)
{
    /// <summary>Inputs it reads only to start (the speed that makes an attention episode, the cabin temperature at the
    /// start of the trip): once shown, their going stale does not end it.</summary>
    public IReadOnlyList<string> Latched { get; init; } = [];

    /// <summary>Its condition ends by itself after this many seconds of drive (pre-conditioning: the first 3 min), or never.</summary>
    public double? LastsS { get; init; }

    /// <summary>Makes the condition false cheaply and true again (the food trigger asks the restaurant advisor at every
    /// tick, which a wait of an hour of virtual time cannot afford).</summary>
    public Action<ScriptedDrive, bool>? Pause { get; init; }

    /// <summary>A drive over a fresh trigger with the case arranged, written in English.</summary>
    public (ScriptedDrive Drive, ITrigger Trigger) Start()
    {
        var trigger = Create();
        var drive = new ScriptedDrive([trigger], Templates.EnglishWriter);
        Arrange(drive);
        return (drive, trigger);
    }

    /// <inheritdoc/>
    public override string ToString() => Name;
}

/// <summary>Every trigger of the assistant, each with a script that makes it fire.</summary>
public static class TriggerCases
{
    private static readonly Dictionary<string, double> None = [];

    /// <summary>The cases by name.</summary>
    public static readonly IReadOnlyDictionary<string, TriggerCase> All = new TriggerCase[]
    {
        new("belt", () => new BeltTrigger(), d => { d.Send(ContextKeys.Speed, 30); d.Send(ContextKeys.DriverBelt, false); },
            "safety.belt", [ContextKeys.Speed, ContextKeys.DriverBelt], new Dictionary<string, double> { [ContextKeys.Speed] = 301 }),
        new("door", () => new DoorOpenTrigger(), d => { d.Send(ContextKeys.Speed, 30); d.Send(ContextKeys.DoorRearRight, true); },
            "safety.door", [ContextKeys.Speed, ContextKeys.DoorRearRight], new Dictionary<string, double> { [ContextKeys.Speed] = 301 }),
        new("charge_port", () => new ChargePortTrigger(), d => { d.Send(ContextKeys.Speed, 20); d.Send(ChargePortTrigger.ChargePortFlap, 1); },
            "safety.charge_port", [ContextKeys.Speed, ChargePortTrigger.ChargePortFlap], new Dictionary<string, double> { [ContextKeys.Speed] = 301 }),
        new("parking_brake", () => new ParkingBrakeTrigger(), d => { d.Send(ContextKeys.Speed, 20); d.Send(ContextKeys.ParkingBrake, true); },
            "safety.parking_brake", [ContextKeys.Speed, ContextKeys.ParkingBrake], new Dictionary<string, double> { [ContextKeys.Speed] = 301 }),
        new("attention", () => new AttentionTrigger(), d => { d.Send(ContextKeys.Speed, 50); d.Send(ContextKeys.Attention, (int)DriverAttention.PreAlert); },
            "attention.reminder", [ContextKeys.Attention, ContextKeys.Speed], new Dictionary<string, double> { [ContextKeys.Speed] = 301 })
        {
            Latched = [ContextKeys.Speed],
        },
        new("traffic_light", () => new TrafficLightTrigger(), d => { d.Send(ContextKeys.Speed, 0); d.Send(ContextKeys.Gear, 3); d.BeforeTick = RedFor200S; },
            "traffic_light.countdown", [ContextKeys.Speed, ContextKeys.Gear], new Dictionary<string, double> { [ContextKeys.Speed] = -1 }),
        new("glosa", () => new GlosaTrigger(), d => { d.Send(ContextKeys.Speed, 40); d.Moment.Light = Lights.Red(10, distanceM: 200, speedKmh: 40); },
            "glosa.band", [ContextKeys.Speed], new Dictionary<string, double> { [ContextKeys.Speed] = 301 }),
        new("demister", () => new DemisterTrigger(), d =>
            {
                d.Send(ContextKeys.Wipers, 2);
                d.Send(DemisterTrigger.WindscreenTemperature, 3);
                d.Send(DemisterTrigger.Defroster, false);
            },
            "comfort.demister_cold", [ContextKeys.Wipers, DemisterTrigger.WindscreenTemperature], new Dictionary<string, double> { [DemisterTrigger.WindscreenTemperature] = -41 }),
        new("precondition", () => new PreconditionTrigger(), d =>
            {
                d.Send(ContextKeys.CabinTemperature, 35);
                d.Send(ContextKeys.TripDuration, 0);
                d.BeforeTick = x => x.Send(ContextKeys.TripDuration, x.T);
            },
            "comfort.precondition_hot", [ContextKeys.CabinTemperature], new Dictionary<string, double> { [ContextKeys.CabinTemperature] = 86 })
        {
            LastsS = PreconditionTrigger.WithinS,
            Latched = [ContextKeys.CabinTemperature],
        },
        new("charging", () => new ChargingTrigger(), d =>
            {
                d.Moment.Trip = AdlershofDrive.Trip(AdlershofDrive.FirstFix, AdlershofDrive.StartSocPercent, d.NowNs);
                d.Send(ContextKeys.Speed, 30);
                d.Send(ContextKeys.StateOfCharge, AdlershofDrive.StartSocPercent);
            },
            "charging.stop", [ContextKeys.StateOfCharge], new Dictionary<string, double> { [ContextKeys.StateOfCharge] = -1 }),
        new("charge_done", () => new ChargeDoneTrigger(), d =>
            {
                d.Moment.Trip = PluggedIn(d, socPercent: 40, targetSoc: 0.35);
                d.Send(ContextKeys.Speed, 0);
                d.Send(ContextKeys.IsCharging, true);
                d.Send(ContextKeys.StateOfCharge, 40);
            },
            "trip.charged", [ContextKeys.IsCharging, ContextKeys.StateOfCharge], new Dictionary<string, double> { [ContextKeys.StateOfCharge] = 101 }),
        new("parking", () => new ParkingTrigger(), d =>
            {
                d.Moment.Trip = AdlershofDrive.Trip(AdlershofDrive.OnTheRoute(ParkingTrigger.EnterM - 100), 80, d.NowNs);
                d.Send(ContextKeys.Speed, 30);
            },
            "parking.best_free", [], None),
        new("food", () => new FoodTrigger(), d =>
            {
                d.Moment.Trip = AdlershofDrive.Trip(AdlershofDrive.FirstFix, 80, d.NowNs);
                d.Send(ContextKeys.Speed, 30);
            },
            "food.open_until", [ContextKeys.Speed], new Dictionary<string, double> { [ContextKeys.Speed] = 301 })
        {
            Pause = (d, paused) => d.Send(ContextKeys.Speed, paused ? 3 : 30), // standing in a jam: no meal stop is proposed
        },
    }.ToDictionary(c => c.Name);

    /// <summary>Every case's name.</summary>
    public static TheoryData<string> Names => [.. All.Keys];

    /// <summary>Every (case, input key) pair.</summary>
    public static TheoryData<string, string> Inputs => [.. All.Values.SelectMany(c => c.Inputs.Select(k => (c.Name, k)))];

    /// <summary>Every (case, input key) pair where the key must stay valid for the suggestion to stay.</summary>
    public static TheoryData<string, string> KeptInputs => [.. All.Values.SelectMany(c => c.Inputs.Except(c.Latched).Select(k => (c.Name, k)))];

    /// <summary>Every (case, key with an implausible value) pair.</summary>
    public static TheoryData<string, string> ImplausibleInputs => [.. All.Values.SelectMany(c => c.Implausible.Keys.Select(k => (c.Name, k)))];

    /// <summary>The cases that are not safety reminders.</summary>
    public static TheoryData<string> Gated => [.. All.Values.Where(c => c.Create().Priority != Suggestions.SuggestionPriority.Safety).Select(c => c.Name)];

    /// <summary>The safety cases.</summary>
    public static TheoryData<string> Safety => [.. All.Values.Where(c => c.Create().Priority == Suggestions.SuggestionPriority.Safety).Select(c => c.Name)];

    // A red of 200 s from the start of the drive, the car stopped 3 m before the line: the countdown runs down.
    private static void RedFor200S(ScriptedDrive d) => d.Moment.Light = d.T < 200 ? Lights.Red(200 - d.T) : null;

    /// <summary>The drive's car plugged in at the planner's charger (gen-charger-01) with <paramref name="socPercent"/>,
    /// the stop accepted with <paramref name="targetSoc"/> to leave with.</summary>
    public static TripState PluggedIn(ScriptedDrive d, double socPercent, double targetSoc)
    {
        var charger = AdlershofDrive.Poi(AdlershofDrive.PlannedChargerId);
        var trip = AdlershofDrive.Trip(charger.Position, socPercent, d.NowNs);
        trip.Charger = new AcceptedStop(charger.Id, charger.Name, charger.Position, charger.Charger!.PowerKw, targetSoc);
        trip.ObserveCharging(charging: true, moving: false);
        return trip;
    }
}
