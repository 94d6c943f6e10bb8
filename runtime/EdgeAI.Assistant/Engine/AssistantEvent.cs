using EdgeAI.Assistant.Suggestions;

namespace EdgeAI.Assistant.Engine;

/// <summary>What the engine did at a tick, for the event stream (docs/events.md).</summary>
/// <param name="TimeNs">When (the drive's clock).</param>
/// <param name="Type">suggestion, held, withdrawn, accepted, dismissed, action, muted.</param>
/// <param name="Kind">The suggestion kind.</param>
/// <param name="Suggestion">The suggestion (shown, or the one this event is about); null for <c>held</c> and <c>muted</c>.</param>
/// <param name="Reason">Why: the gate that held it (workload, attention, turning, green_soon), why it was withdrawn
/// (no_longer_true, expired, replaced), or the action's id.</param>
public sealed record AssistantEvent(long TimeNs, string Type, string Kind, Suggestion? Suggestion, string? Reason)
{
    /// <summary>The id of the suggestion the event is about (its <c>ref</c>), or null.</summary>
    public string? Ref => Type == "suggestion" ? null : Suggestion?.Id;
}
