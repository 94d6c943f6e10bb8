using EdgeAI.Assistant.Suggestions;

namespace EdgeAI.Assistant.Engine;

/// <summary>
/// One rule that may make a suggestion. A trigger says what it would say now (<see cref="Evaluate"/>) and keeps its own
/// thresholds with hysteresis; the engine applies <see cref="Policy"/> (hold, release, lifetime, cooldown, dismissal
/// back-off) and the gate (workload, attention, turning), the same way for every trigger.
/// </summary>
public interface ITrigger
{
    /// <summary>The suggestion kind it makes (the event's <c>kind</c>).</summary>
    string Kind { get; }

    /// <summary>Its priority class.</summary>
    SuggestionPriority Priority { get; }

    /// <summary>Its timing.</summary>
    TriggerPolicy Policy { get; }

    /// <summary>What it would say now, or null when its condition does not hold (or an input it needs is not valid).</summary>
    Proposal? Evaluate(AssistantMoment moment);

    /// <summary>The occupant took an action on a suggestion of this trigger (accept or an alternative): change the state
    /// so that the next suggestions know it. Dismissals are the engine's business.</summary>
    void OnAction(Proposal proposal, string actionId, AssistantMoment moment)
    {
    }
}
