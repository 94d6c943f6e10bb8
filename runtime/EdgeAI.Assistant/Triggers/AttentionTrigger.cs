using EdgeAI.Assistant.Engine;
using EdgeAI.Assistant.Suggestions;
using EdgeAI.Fusion.Context;

namespace EdgeAI.Assistant.Triggers;

/// <summary>
/// Driver attention (safety): the driver monitor escalates (PreAlert or worse, valid, while moving). The first episode
/// of the trip gets a reminder; a repeated one within <see cref="RepeatWindowS"/> proposes a break. An episode ends
/// when attention is back to Attentive; an unknown or stale attention never triggers anything.
/// </summary>
public sealed class AttentionTrigger : ITrigger
{
    /// <summary>Seconds within which a second episode counts as a repeat.</summary>
    public const double RepeatWindowS = 15 * 60;
    private int _episodes;
    private bool _inEpisode;
    private long _lastEpisodeNs = long.MinValue;

    /// <inheritdoc/>
    public string Kind => "attention";

    /// <inheritdoc/>
    public SuggestionPriority Priority => SuggestionPriority.Safety;

    /// <inheritdoc/>
    public TriggerPolicy Policy { get; } = new(HoldS: 0, ReleaseS: 3, LifetimeS: 30, CooldownS: 5);

    /// <inheritdoc/>
    public Proposal? Evaluate(AssistantMoment moment)
    {
        if (!moment.TryNumber(ContextKeys.Attention, out double level)) return null;
        if (level == (int)DriverAttention.Attentive) _inEpisode = false;
        bool escalated = level >= (int)DriverAttention.PreAlert;
        if (!escalated || !_inEpisode && !moment.MovingFasterThan(5)) return escalated && _inEpisode ? Current(moment, level) : null;
        if (!_inEpisode)
        {
            _inEpisode = true;
            bool repeat = _lastEpisodeNs != long.MinValue && (moment.NowNs - _lastEpisodeNs) / 1e9 <= RepeatWindowS;
            _episodes = repeat ? _episodes + 1 : 1;
            _lastEpisodeNs = moment.NowNs;
        }
        return Current(moment, level);
    }

    private Proposal Current(AssistantMoment moment, double level)
    {
        string state = ((DriverAttention)(int)level).ToString();
        var facts = new List<Fact> { Facts.Text("state", state, ContextKeys.Attention), Facts.Number("episode", _episodes, 0, null, "driver_monitor") };
        if (moment.TryNumber(ContextKeys.Speed, out double speed)) facts.Add(Facts.Number("speed", speed, 0, "km/h", ContextKeys.Speed));
        return _episodes <= 1
            ? new Proposal("reminder-" + _lastEpisodeNs, "attention.reminder", facts, $"the driver monitor reports {state} while moving", [SuggestionAction.Accept("OK")])
            : new Proposal("break-" + _lastEpisodeNs, "attention.break", facts,
                $"the driver monitor reports {state} for the {_episodes}. time within {RepeatWindowS / 60:0} min", [SuggestionAction.Accept("Find a break"), SuggestionAction.Dismiss("I'm fine")]);
    }
}
