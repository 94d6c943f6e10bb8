namespace EdgeAI.Assistant.Suggestions;

/// <summary>
/// What a trigger would say now, before the engine decides whether and when to show it: the template to render, the
/// facts it rests on, the reason in plain words and the actions offered.
/// </summary>
/// <param name="Key">What it is about (a charger id, an intersection): a proposal with another key is another
/// suggestion, and replaces the shown one.</param>
/// <param name="Template">The template's name in models/prompts (<c>charging.stop</c>).</param>
/// <param name="Facts">The grounding: every fact the text may use.</param>
/// <param name="Reason">Why, in plain words, with the numbers ("SoC 14 %, 41 km of range, 58 km of route left plus the 15 % reserve").</param>
/// <param name="Actions">At most three actions.</param>
public sealed record Proposal(string Key, string Template, IReadOnlyList<Fact> Facts, string Reason, IReadOnlyList<SuggestionAction> Actions)
{
    /// <summary>The fact named <paramref name="name"/>, or null.</summary>
    public Fact? Fact(string name)
    {
        foreach (var f in Facts) if (f.Name == name) return f;
        return null;
    }
}
