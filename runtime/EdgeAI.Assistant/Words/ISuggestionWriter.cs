using EdgeAI.Assistant.Engine;
using EdgeAI.Assistant.Suggestions;

namespace EdgeAI.Assistant.Words;

/// <summary>Turns a proposal into the words shown and said.</summary>
public interface ISuggestionWriter
{
    /// <summary>The text of a suggestion of <paramref name="kind"/> from <paramref name="proposal"/>.</summary>
    string Write(string kind, Proposal proposal, AssistantMoment moment);

    /// <summary>Who wrote the text <see cref="Write"/> returned last: "templates" or "model".</summary>
    string LastBy => "templates";
}
