using EdgeAI.Assistant.Profile;
using EdgeAI.Assistant.Suggestions;
using EdgeAI.Assistant.Words;

namespace EdgeAI.Assistant.Engine;

/// <summary>
/// The proactive engine. At every tick it asks each trigger what it would say, and applies the same rules to all:
/// the condition must hold <see cref="TriggerPolicy.HoldS"/> before anything is shown, and be gone
/// <see cref="TriggerPolicy.ReleaseS"/> before a shown suggestion is withdrawn; a suggestion expires after
/// <see cref="TriggerPolicy.LifetimeS"/>; a kind waits <see cref="TriggerPolicy.CooldownS"/> after one ends, longer after
/// each dismissal, and stays quiet for the trip after three; the <see cref="AssistantGate"/> holds back what the driver
/// should not see now, and the suggestion is shown when the gate opens if it is still true. Deterministic: the same
/// inputs at the same virtual times give the same events, at any replay speed.
/// </summary>
public sealed class AssistantEngine
{
    private readonly Slot[] _slots;
    private readonly ISuggestionWriter _writer;
    private readonly UserProfile _profile;
    private int _nextId;

    /// <summary>An engine over <paramref name="triggers"/> (evaluated in priority order, then in the order given).</summary>
    public AssistantEngine(IEnumerable<ITrigger> triggers, ISuggestionWriter writer, UserProfile? profile = null, AssistantGate? gate = null)
    {
        ArgumentNullException.ThrowIfNull(triggers);
        _writer = writer ?? throw new ArgumentNullException(nameof(writer));
        _profile = profile ?? new UserProfile();
        Gate = gate ?? new AssistantGate();
        _slots = [.. triggers.Select((t, i) => (t, i)).OrderBy(x => x.t.Priority).ThenBy(x => x.i).Select(x => new Slot(x.t))];
        // What earlier trips taught: taken now, so that this trip's own dismissals are not counted twice.
        foreach (var slot in _slots) slot.LearnedBackoff = _profile.LearnedBackoff(slot.Trigger.Kind);
    }

    /// <summary>The gate.</summary>
    public AssistantGate Gate { get; }

    /// <summary>The user profile (dismissals and acceptances per kind).</summary>
    public UserProfile Profile => _profile;

    /// <summary>The suggestions shown now, highest priority first.</summary>
    public IEnumerable<Suggestion> Active
    {
        get
        {
            foreach (var slot in _slots) if (slot.Shown is { } s) yield return s;
        }
    }

    /// <summary>How many suggestions are shown now (no enumerator: the ticker counts at every tick).</summary>
    public int ShownCount
    {
        get
        {
            int shown = 0;
            foreach (var slot in _slots) if (slot.Shown is not null) shown++;
            return shown;
        }
    }

    /// <summary>True when the kind is muted for this trip.</summary>
    public bool IsMuted(string kind) => _slots.Any(s => s.Trigger.Kind == kind && s.Muted);

    /// <summary>Evaluates every trigger at <see cref="AssistantMoment.NowNs"/> and appends what happened to <paramref name="events"/>.</summary>
    public void Tick(AssistantMoment moment, List<AssistantEvent> events)
    {
        ArgumentNullException.ThrowIfNull(moment);
        ArgumentNullException.ThrowIfNull(events);
        long now = moment.NowNs;
        foreach (var slot in _slots)
        {
            if (slot.Muted) continue;
            var trigger = slot.Trigger;
            var policy = trigger.Policy;
            var proposal = trigger.Evaluate(moment);
            if (slot.Shown is { } shown)
            {
                if (proposal is not null && proposal.Key == shown.Proposal.Key)
                {
                    slot.AbsentSinceNs = long.MinValue;
                    if (now >= shown.ExpiresNs) End(slot, events, now, "withdrawn", "expired", policy.CooldownS);
                    continue;
                }
                if (proposal is null)
                {
                    // Its lifetime ends it even while the release is pending.
                    if (now >= shown.ExpiresNs) { End(slot, events, now, "withdrawn", "expired", policy.CooldownS); continue; }
                    if (slot.AbsentSinceNs == long.MinValue) slot.AbsentSinceNs = now;
                    if (Seconds(now - slot.AbsentSinceNs) >= policy.ReleaseS) End(slot, events, now, "withdrawn", "no_longer_true", policy.CooldownS);
                    continue;
                }
                End(slot, events, now, "withdrawn", "replaced", 0);
            }
            if (proposal is null)
            {
                slot.Candidate = null;
                slot.HeldReason = null;
                continue;
            }
            if (slot.Candidate is null || slot.Candidate.Key != proposal.Key)
            {
                slot.CandidateSinceNs = now;
                slot.HeldReason = null;
            }
            slot.Candidate = proposal;
            if (Seconds(now - slot.CandidateSinceNs) < policy.HoldS || now < slot.CooldownUntilNs) continue;
            if (Gate.Closed(trigger.Priority, moment) is { } reason)
            {
                if (slot.HeldReason is null)
                {
                    slot.HeldSinceNs = now;
                    events.Add(new AssistantEvent(now, "held", trigger.Kind, null, reason));
                }
                slot.HeldReason = reason;
                continue;
            }
            double heldS = slot.HeldReason is null ? 0 : Seconds(now - slot.HeldSinceNs);
            slot.HeldReason = null;
            var text = _writer.Write(trigger.Kind, proposal, moment);
            var suggestion = new Suggestion($"s{++_nextId}", trigger.Kind, trigger.Priority, text, proposal.Reason, proposal, now,
                now + (long)(policy.LifetimeS * 1e9), heldS) { By = _writer.LastBy };
            slot.Shown = suggestion;
            slot.AbsentSinceNs = long.MinValue;
            events.Add(new AssistantEvent(now, "suggestion", trigger.Kind, suggestion, null));
        }
    }

    /// <summary>
    /// A cabin button: the occupant acts with <paramref name="actionId"/> (<c>accept</c> or <c>dismiss</c>) on the first
    /// shown suggestion that offers it, highest priority first (the one a head unit's card shows). Returns that
    /// suggestion, or null when none is shown that offers the action.
    /// </summary>
    public Suggestion? ActOnFirst(string actionId, AssistantMoment moment, List<AssistantEvent> events)
    {
        Suggestion? first = null;
        foreach (var s in Active)
            if (first is null && s.Actions.Any(a => a.Id == actionId)) first = s;
        return first is not null && Act(first.Id, actionId, moment, events) ? first : null;
    }

    /// <summary>
    /// The occupant acts on the shown suggestion <paramref name="suggestionId"/>: <c>accept</c>, <c>dismiss</c>, or an
    /// alternative. False when no such suggestion is shown (it was withdrawn, or never shown).
    /// </summary>
    public bool Act(string suggestionId, string actionId, AssistantMoment moment, List<AssistantEvent> events)
    {
        ArgumentNullException.ThrowIfNull(moment);
        var slot = _slots.FirstOrDefault(s => s.Shown?.Id == suggestionId);
        if (slot?.Shown is not { } shown || !shown.Actions.Any(a => a.Id == actionId)) return false;
        var policy = slot.Trigger.Policy;
        long now = moment.NowNs;
        if (actionId == SuggestionAction.DismissId)
        {
            // Dismissals count per kind: every trigger of the kind backs off and is muted together.
            int dismissals = slot.Dismissals + 1;
            foreach (var same in _slots) if (same.Trigger.Kind == slot.Trigger.Kind) same.Dismissals = dismissals;
            _profile.Dismissed(slot.Trigger.Kind);
            End(slot, events, now, "dismissed", actionId, policy.CooldownS * Math.Pow(policy.BackoffFactor, slot.Dismissals + slot.LearnedBackoff));
            if (slot.Dismissals >= TriggerPolicy.MuteAfterDismissals)
            {
                events.Add(new AssistantEvent(now, "muted", slot.Trigger.Kind, shown, "dismissed_3_times"));
                foreach (var same in _slots)
                {
                    if (same.Trigger.Kind != slot.Trigger.Kind) continue;
                    if (same.Shown is not null) End(same, events, now, "withdrawn", "muted", 0);
                    same.Muted = true;
                }
            }
            return true;
        }
        slot.Trigger.OnAction(shown.Proposal, actionId, moment);
        if (actionId == SuggestionAction.AcceptId) _profile.Accepted(slot.Trigger.Kind);
        End(slot, events, now, actionId == SuggestionAction.AcceptId ? "accepted" : "action", actionId, policy.CooldownS);
        return true;
    }

    /// <summary>The shown suggestion of <paramref name="kind"/>, or null.</summary>
    public Suggestion? ShownOf(string kind) => _slots.FirstOrDefault(s => s.Trigger.Kind == kind && s.Shown is not null)?.Shown;

    private static void End(Slot slot, List<AssistantEvent> events, long now, string type, string reason, double cooldownS)
    {
        events.Add(new AssistantEvent(now, type, slot.Trigger.Kind, slot.Shown, reason));
        slot.Shown = null;
        slot.Candidate = null;
        slot.HeldReason = null;
        slot.AbsentSinceNs = long.MinValue;
        slot.CooldownUntilNs = now + (long)(cooldownS * 1e9);
    }

    private static double Seconds(long ns) => ns / 1e9;

    private sealed class Slot(ITrigger trigger)
    {
        public ITrigger Trigger { get; } = trigger;
        public Proposal? Candidate;
        public long CandidateSinceNs;
        public Suggestion? Shown;
        public long AbsentSinceNs = long.MinValue;
        public long CooldownUntilNs = long.MinValue;
        public string? HeldReason;
        public long HeldSinceNs;
        public int Dismissals;
        public int LearnedBackoff;
        public bool Muted;
    }
}
