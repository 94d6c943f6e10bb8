using EdgeAI.Assistant.Engine;

namespace EdgeAI.Assistant.Triggers;

/// <summary>The triggers the assistant runs (docs/assistant.md lists their rules).</summary>
public static class DefaultTriggers
{
    /// <summary>A fresh set (triggers keep per-trip state).</summary>
    public static IReadOnlyList<ITrigger> Create() =>
    [
        new AttentionTrigger(), new BeltTrigger(), new DoorOpenTrigger(), new ChargePortTrigger(), new ParkingBrakeTrigger(),
        new ChargingTrigger(),
        new ChargeDoneTrigger(), new ParkingTrigger(), new FoodTrigger(),
        new TrafficLightTrigger(), new GlosaTrigger(), new DemisterTrigger(), new PreconditionTrigger(),
    ];
}
