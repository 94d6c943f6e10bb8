using EdgeAI.Assistant.Engine;
using EdgeAI.Assistant.Suggestions;

namespace EdgeAI.Assistant.Tests.Fixtures;

/// <summary>
/// The simplest trigger, for the engine's own rules: it proposes while the flag <see cref="Key"/> is valid and set, about
/// <see cref="Subject"/> (change it to make another suggestion), with round timings. It counts the actions it is told of.
/// </summary>
public sealed class FlagTrigger(string key, SuggestionPriority priority = SuggestionPriority.Convenience, TriggerPolicy? policy = null, string kind = "test") : ITrigger
{
    /// <summary>Hold 2 s, release 3 s, lifetime 20 s, cooldown 10 s, back-off x4.</summary>
    public static readonly TriggerPolicy RoundPolicy = new(HoldS: 2, ReleaseS: 3, LifetimeS: 20, CooldownS: 10);

    /// <summary>The flag it watches.</summary>
    public string Key { get; } = key;

    /// <summary>What the proposal is about: its key.</summary>
    public string Subject { get; set; } = "a";

    /// <summary>The actions it was told of.</summary>
    public List<string> Actions { get; } = [];

    /// <inheritdoc/>
    public string Kind { get; } = kind;

    /// <inheritdoc/>
    public SuggestionPriority Priority { get; } = priority;

    /// <inheritdoc/>
    public TriggerPolicy Policy { get; } = policy ?? RoundPolicy;

    /// <inheritdoc/>
    public Proposal? Evaluate(AssistantMoment moment) =>
        moment.TryFlag(Key, out bool on) && on
            ? new Proposal(Subject, "test." + Subject, [Facts.Text("subject", Subject)], "the flag is set",
                [SuggestionAction.Accept(), new SuggestionAction("alt:b", "The other one"), SuggestionAction.Dismiss()])
            : null;

    /// <inheritdoc/>
    public void OnAction(Proposal proposal, string actionId, AssistantMoment moment) => Actions.Add(proposal.Key + ":" + actionId);
}
