using System.Text;
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
        session.Reset();
        var text = new StringBuilder();
        var tools = new List<ToolUse>();
        string? callName = null, callArguments = null;
        await foreach (var e in session.SendAsync(question, cancellation))
        {
            switch (e.Kind)
            {
                case ChatEventKind.Token:
                    text.Append(e.Text);
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
        return (text.ToString().Trim(), tools);
    }
}
