using EdgeAI.Assistant.Engine;
using EdgeAI.Assistant.Suggestions;
using EdgeAI.Fusion.Context;

namespace EdgeAI.Assistant.Triggers;

/// <summary>
/// Green light optimal speed advisory (information): approaching a signal, the traffic-light advisor's speed band that
/// reaches the stop line on green, when it has one (within 250 m, confident, band above 20 km/h and not above the
/// limit) and the light is at least <see cref="MinDistanceM"/> away (closer, there is no time to adapt). Withdrawn when
/// the band goes or the car passes the light. Needs a valid speed above 10 km/h.
/// </summary>
public sealed class GlosaTrigger : ITrigger
{
    /// <summary>Metres to the stop line under which no band is proposed.</summary>
    public const double MinDistanceM = 50;

    /// <inheritdoc/>
    public string Kind => "glosa";

    /// <inheritdoc/>
    public SuggestionPriority Priority => SuggestionPriority.Information;

    /// <inheritdoc/>
    public TriggerPolicy Policy { get; } = new(HoldS: 1, ReleaseS: 2, LifetimeS: 40, CooldownS: 10);

    /// <inheritdoc/>
    public Proposal? Evaluate(AssistantMoment moment)
    {
        if (moment.Light is not { GlosaMinKph: { } low, GlosaMaxKph: { } high } advice) return null;
        if (!moment.TryNumber(ContextKeys.Speed, out double speed) || speed < 10) return null;
        if (advice.Ahead.DistanceToStopLineM < MinDistanceM) return null;
        var facts = new List<Fact>
        {
            Facts.Number("min_kph", low, 0, "km/h", "traffic_light_advisor"),
            Facts.Number("max_kph", high, 0, "km/h", "traffic_light_advisor"),
            Facts.Distance("stop_line", advice.Ahead.DistanceToStopLineM, "map"),
            Facts.Number("speed", speed, 0, "km/h", ContextKeys.Speed),
            Facts.Name("intersection", advice.Ahead.Intersection.Id, "map"),
        };
        return new Proposal($"{advice.Ahead.Intersection.Id}/{advice.Ahead.Maneuver.SignalGroup}", "glosa.band", facts,
            $"{facts[2].Shown} to the light at {facts[4].Value}, now {facts[3].Shown}; between {facts[0].Shown} and {facts[1].Shown} it is green on arrival",
            [SuggestionAction.Dismiss("Hide")]);
    }
}
