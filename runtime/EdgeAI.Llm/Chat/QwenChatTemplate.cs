using System.Text;

namespace EdgeAI.Llm.Chat;

/// <summary>
/// Qwen's ChatML rendering (the form of Qwen3's chat template), one message at a time, so a new turn is rendered and
/// tokenized on its own and appended to the KV cache: re-rendering the whole conversation and diffing would break the
/// shared prefix (the template rewrites earlier assistant turns). Tool declarations go into the system message and
/// tool results into a user message of &lt;tool_response&gt; blocks, as Qwen3 was trained.
/// </summary>
public static class QwenChatTemplate
{
    /// <summary>Opens a message.</summary>
    public const string Start = "<|im_start|>";

    /// <summary>Closes a message; also the token the model ends its answer with.</summary>
    public const string End = "<|im_end|>";

    /// <summary>What follows the assistant header when thinking is off: an empty think block (Qwen3's non-thinking form).</summary>
    public const string EmptyThink = "<think>\n\n</think>\n\n";

    /// <summary>The system message, with the tool declarations (one JSON object per line) when there are any.</summary>
    public static string System(string content, IReadOnlyList<string> toolDeclarations)
    {
        var text = new StringBuilder();
        text.Append(Start).Append("system\n").Append(content);
        if (toolDeclarations.Count > 0)
        {
            if (content.Length > 0) text.Append("\n\n");
            text.Append("# Tools\n\nYou may call one or more functions to assist with the user query.\n\n")
                .Append("You are provided with function signatures within <tools></tools> XML tags:\n<tools>");
            foreach (string declaration in toolDeclarations)
            {
                text.Append('\n').Append(declaration);
            }

            text.Append("\n</tools>\n\nFor each function call, return a json object with function name and arguments within <tool_call></tool_call> XML tags:\n")
                .Append("<tool_call>\n{\"name\": <function-name>, \"arguments\": <args-json-object>}\n</tool_call>");
        }

        return text.Append(End).Append('\n').ToString();
    }

    /// <summary>A user message.</summary>
    public static string User(string content) => $"{Start}user\n{content}{End}\n";

    /// <summary>Tool results of one round, as one user message of &lt;tool_response&gt; blocks.</summary>
    public static string ToolResults(IEnumerable<string> results)
    {
        var text = new StringBuilder(Start).Append("user");
        foreach (string result in results)
        {
            text.Append("\n<tool_response>\n").Append(result).Append("\n</tool_response>");
        }

        return text.Append(End).Append('\n').ToString();
    }

    /// <summary>The header the model answers after (the generation prompt).</summary>
    public static string AssistantPrompt(bool thinking) => thinking ? $"{Start}assistant\n" : $"{Start}assistant\n{EmptyThink}";

    /// <summary>A whole earlier answer, for re-rendering history after old turns were dropped.</summary>
    public static string Assistant(string content, bool thinking) => $"{AssistantPrompt(thinking)}{content}{End}\n";
}
