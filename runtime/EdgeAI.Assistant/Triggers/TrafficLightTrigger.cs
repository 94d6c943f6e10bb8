using EdgeAI.Assistant.Engine;
using EdgeAI.Assistant.Suggestions;
using EdgeAI.Fusion.Context;

namespace EdgeAI.Assistant.Triggers;

/// <summary>
/// Time to green (information): stopped at a red whose countdown the traffic-light advisor lets us show (confident,
/// at least 4 s to wait), say how long. Withdrawn when the light turns green or the car moves. Needs a valid speed
/// below 2 km/h (no countdown while rolling) and a gear of D or R (waiting in traffic, not parked by the road).
/// </summary>
public sealed class TrafficLightTrigger : ITrigger
{
    /// <inheritdoc/>
    public string Kind => "traffic_light";

    /// <inheritdoc/>
    public SuggestionPriority Priority => SuggestionPriority.Information;

    /// <inheritdoc/>
    public TriggerPolicy Policy { get; } = new(HoldS: 1, ReleaseS: 0, LifetimeS: 120, CooldownS: 5);

    /// <inheritdoc/>
    public Proposal? Evaluate(AssistantMoment moment)
    {
        if (moment.Light is not { ShowCountdown: true } advice) return null;
        if (!moment.TryNumber(ContextKeys.Speed, out double speed) || speed > 2) return null;
        if (moment.Label(ContextKeys.Gear) is not ("D" or "R")) return null;
        var p = advice.Prediction;
        var facts = new List<Fact>
        {
            Facts.Number("green_in", p.TimeToGreenS, 0, "s", "spat_predictor"),
            Facts.Name("intersection", advice.Ahead.Intersection.Id, "map"),
            Facts.Number("confidence", p.Confidence * 100, 0, "%", "spat_predictor"),
            Facts.Distance("stop_line", advice.Ahead.DistanceToStopLineM, "map"),
        };
        return new Proposal($"{advice.Ahead.Intersection.Id}/{advice.Ahead.Maneuver.SignalGroup}", "traffic_light.countdown", facts,
            $"stopped {facts[3].Shown} before the stop line of {facts[1].Value}, red for signal group {advice.Ahead.Maneuver.SignalGroup}; SPaT predicts green in {facts[0].Shown} ({facts[2].Shown} confident)",
            [SuggestionAction.Dismiss("Hide")]);
    }
}
