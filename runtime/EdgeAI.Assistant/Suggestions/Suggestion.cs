namespace EdgeAI.Assistant.Suggestions;

/// <summary>A suggestion as shown: its id, kind, priority, words, grounding, actions and when it expires.</summary>
/// <param name="Id">Unique within the drive ("s7"); events about it carry it as <c>ref</c>.</param>
/// <param name="Kind">charging, food, parking, traffic_light, glosa, attention, safety, comfort, trip.</param>
/// <param name="Priority">Its priority class.</param>
/// <param name="Text">What is said (the template's text, or the model's when it passed the grounding check).</param>
/// <param name="Reason">Why, in plain words.</param>
/// <param name="Proposal">The trigger's proposal it shows (key, template, facts, actions).</param>
/// <param name="ShownNs">When it was shown (ns since the Unix epoch, the drive's clock).</param>
/// <param name="ExpiresNs">When it is withdrawn if nothing else ends it first.</param>
/// <param name="HeldS">How long the gate held it back before it could be shown (0 when shown at once).</param>
public sealed record Suggestion(string Id, string Kind, SuggestionPriority Priority, string Text, string Reason, Proposal Proposal,
    long ShownNs, long ExpiresNs, double HeldS)
{
    /// <summary>Who wrote <see cref="Text"/>: "templates", or "model" when the model's wording passed the grounding check.</summary>
    public string By { get; init; } = "templates";

    /// <summary>The facts it rests on.</summary>
    public IReadOnlyList<Fact> Grounding => Proposal.Facts;

    /// <summary>What the occupant can do.</summary>
    public IReadOnlyList<SuggestionAction> Actions => Proposal.Actions;
}
