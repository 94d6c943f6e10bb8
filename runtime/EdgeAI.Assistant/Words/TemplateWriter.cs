using EdgeAI.Assistant.Engine;
using EdgeAI.Assistant.Suggestions;

namespace EdgeAI.Assistant.Words;

/// <summary>Suggestions in the template's words: deterministic, and always within the driving limit of 120 characters
/// (a suggestion shown while parked stays on screen when the car moves off).</summary>
public sealed class TemplateWriter(TemplateBook book) : ISuggestionWriter
{
    /// <summary>The templates.</summary>
    public TemplateBook Book { get; } = book ?? throw new ArgumentNullException(nameof(book));

    /// <inheritdoc/>
    public string Write(string kind, Proposal proposal, AssistantMoment moment) =>
        Book.Render(proposal.Template, proposal.Facts, moving: true);
}
