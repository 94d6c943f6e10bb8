using EdgeAI.Assistant.Engine;
using EdgeAI.Assistant.Suggestions;

namespace EdgeAI.Assistant.Words;

/// <summary>Suggestions in the template's words: deterministic, within the driving limits.</summary>
public sealed class TemplateWriter(TemplateBook book) : ISuggestionWriter
{
    /// <summary>The templates.</summary>
    public TemplateBook Book { get; } = book ?? throw new ArgumentNullException(nameof(book));

    /// <inheritdoc/>
    public string Write(string kind, Proposal proposal, AssistantMoment moment) =>
        Book.Render(proposal.Template, proposal.Facts, moment.MovingFasterThan(2));
}
