namespace EdgeAI.Assistant.Suggestions;

/// <summary>Something the occupant can do with a suggestion: <c>accept</c>, <c>dismiss</c>, or an alternative
/// (<c>alt:ID</c>, e.g. another charger).</summary>
/// <param name="Id">What the HMI or the scenario sends back.</param>
/// <param name="Label">What the button says.</param>
public sealed record SuggestionAction(string Id, string Label)
{
    /// <summary>The action that takes the suggestion.</summary>
    public const string AcceptId = "accept";

    /// <summary>The action that sends it away (and backs its kind off).</summary>
    public const string DismissId = "dismiss";

    /// <summary>Accept.</summary>
    public static SuggestionAction Accept(string label = "Yes") => new(AcceptId, label);

    /// <summary>Dismiss.</summary>
    public static SuggestionAction Dismiss(string label = "No thanks") => new(DismissId, label);
}
