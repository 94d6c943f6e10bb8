using EdgeAI.Assistant.Engine;
using EdgeAI.Assistant.Suggestions;
using EdgeAI.Fusion.Context;

namespace EdgeAI.Assistant.Triggers;

/// <summary>
/// Driver attention (safety): the driver monitor escalates while the car moves faster than 5 km/h: PreAlert or worse,
/// or no face seen (Unknown) for <see cref="UnknownWarnS"/> while its frames keep coming (the camera works, the driver
/// has turned away; an unplugged camera goes stale and triggers nothing). The first episode of the trip gets a
/// reminder; a repeated one within <see cref="RepeatWindowS"/> proposes a break. An episode ends when the monitor
/// reports Attentive again.
/// </summary>
public sealed class AttentionTrigger : ITrigger
{
    /// <summary>Seconds within which a second episode counts as a repeat.</summary>
    public const double RepeatWindowS = 15 * 60;
    /// <summary>Seconds without a face while moving after which the driver counts as looking away.</summary>
    public const double UnknownWarnS = 3;
    private int _episodes;
    private bool _inEpisode;
    private long _lastEpisodeNs = long.MinValue, _unknownSinceNs = long.MinValue;

    /// <inheritdoc/>
    public string Kind => "attention";

    /// <inheritdoc/>
    public SuggestionPriority Priority => SuggestionPriority.Safety;

    /// <inheritdoc/>
    public TriggerPolicy Policy { get; } = new(HoldS: 0, ReleaseS: 3, LifetimeS: 30, CooldownS: 5);

    /// <inheritdoc/>
    public Proposal? Evaluate(AssistantMoment moment)
    {
        if (!moment.TryNumber(ContextKeys.Attention, out double level))
        {
            _unknownSinceNs = long.MinValue;
            return null;
        }
        bool moving = moment.MovingFasterThan(5);
        if (level == (int)DriverAttention.Unknown && moving) { if (_unknownSinceNs == long.MinValue) _unknownSinceNs = moment.NowNs; }
        else _unknownSinceNs = long.MinValue;
        if (level == (int)DriverAttention.Attentive) _inEpisode = false;
        double unknownS = _unknownSinceNs == long.MinValue ? 0 : (moment.NowNs - _unknownSinceNs) / 1e9;
        bool escalated = level >= (int)DriverAttention.PreAlert || unknownS >= UnknownWarnS;
        if (!escalated) return null;
        if (!_inEpisode)
        {
            if (!moving) return null;
            _inEpisode = true;
            bool repeat = _lastEpisodeNs != long.MinValue && (moment.NowNs - _lastEpisodeNs) / 1e9 <= RepeatWindowS;
            _episodes = repeat ? _episodes + 1 : 1;
            _lastEpisodeNs = moment.NowNs;
        }
        string state = ((DriverAttention)(int)level).ToString();
        var facts = new List<Fact> { Facts.Text("state", state, ContextKeys.Attention), Facts.Number("episode", _episodes, 0, null, "driver_monitor") };
        if (moment.TryNumber(ContextKeys.Speed, out double speed)) facts.Add(Facts.Number("speed", speed, 0, "km/h", ContextKeys.Speed));
        string what = level == (int)DriverAttention.Unknown ? $"the driver monitor has seen no face for {Math.Floor(unknownS):0} s" : $"the driver monitor reports {state}";
        string at = speed > 0 ? $" at {speed:0} km/h" : "";
        return _episodes <= 1
            ? new Proposal("reminder-" + _lastEpisodeNs, "attention.reminder", facts, what + at, [SuggestionAction.Accept("OK")])
            : new Proposal("break-" + _lastEpisodeNs, "attention.break", facts, $"{what}{at}, episode {_episodes} within {RepeatWindowS / 60:0} min",
                [SuggestionAction.Accept("Find a break"), SuggestionAction.Dismiss("I'm fine")]);
    }
}
