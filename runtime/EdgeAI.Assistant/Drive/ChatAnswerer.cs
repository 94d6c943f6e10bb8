using System.Runtime.CompilerServices;
using System.Text;
using EdgeAI.Events;
using EdgeAI.Llm.Chat;

namespace EdgeAI.Assistant.Drive;

/// <summary>
/// Answers an occupant's question with a chat session (the model with the vehicle and service tools, or the template
/// responder): each question is its own conversation, so a replay's answers do not depend on earlier ones.
/// </summary>
public sealed class ChatAnswerer(IChatSession session, bool isModel)
{
    /// <summary>Who answers: "model" or "templates".</summary>
    public string By { get; } = isModel ? "model" : "templates";

    /// <summary>The answer to <paramref name="question"/> and the tools it used.</summary>
    public async Task<(string Text, IReadOnlyList<ToolUse> Tools)> AskAsync(string question, CancellationToken cancellation)
    {
        var text = new StringBuilder();
        var tools = new List<ToolUse>();
        await foreach (var token in StreamAsync(session, question, tools, cancellation).ConfigureAwait(false)) text.Append(token);
        return (text.ToString().Trim(), tools);
    }

    /// <summary>
    /// <paramref name="question"/> as a conversation of its own on <paramref name="session"/>: the answer's tokens as they
    /// come, and each tool it used added to <paramref name="tools"/>.
    /// </summary>
    public static async IAsyncEnumerable<string> StreamAsync(IChatSession session, string question, List<ToolUse> tools,
        [EnumeratorCancellation] CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(tools);
        session.Reset();
        string? callName = null, callArguments = null;
        await foreach (var e in session.SendAsync(question, cancellation).ConfigureAwait(false))
        {
            switch (e.Kind)
            {
                case ChatEventKind.Token when !string.IsNullOrEmpty(e.Text):
                    yield return e.Text;
                    break;
                case ChatEventKind.ToolCall:
                    callName = e.Name;
                    callArguments = e.Arguments;
                    break;
                case ChatEventKind.ToolResult:
                    tools.Add(new ToolUse(e.Name ?? callName ?? "", callArguments ?? "{}", e.Text));
                    break;
            }
        }
    }
}
