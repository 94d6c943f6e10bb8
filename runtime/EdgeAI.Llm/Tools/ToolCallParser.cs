using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace EdgeAI.Llm.Tools;

/// <summary>
/// Finds the tool calls in a Qwen answer. Qwen (2.5 and 3) writes each call as
/// <c>&lt;tool_call&gt;\n{"name": "get_range", "arguments": {"unit": "km"}}\n&lt;/tool_call&gt;</c>, possibly several in
/// one answer and with text around them. Small quantized models also write the arguments as a JSON string, use
/// <c>"parameters"</c>, wrap the JSON in a Markdown fence, leave a trailing comma, or get cut off by the token limit:
/// those are read when the intent is unambiguous and otherwise reported per call in <see cref="ParsedToolCall.Error"/>,
/// never thrown, so the engine can tell the model what to fix.
/// </summary>
public static partial class ToolCallParser
{
    /// <summary>Opening tag of a call in Qwen's chat template.</summary>
    public const string OpenTag = "<tool_call>";

    /// <summary>Closing tag of a call in Qwen's chat template.</summary>
    public const string CloseTag = "</tool_call>";

    private static readonly JsonDocumentOptions Lenient = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    /// <summary>Splits an answer into its tool calls (in order) and the text outside them.</summary>
    public static ParsedAnswer Parse(string answerText)
    {
        ArgumentNullException.ThrowIfNull(answerText);
        var calls = new List<ParsedToolCall>();
        var text = new StringBuilder(answerText.Length);
        int pos = 0;
        while (pos < answerText.Length)
        {
            int open = answerText.IndexOf(OpenTag, pos, StringComparison.Ordinal);
            if (open < 0)
            {
                text.Append(answerText, pos, answerText.Length - pos);
                break;
            }
            text.Append(answerText, pos, open - pos);
            int body = open + OpenTag.Length;
            int close = answerText.IndexOf(CloseTag, body, StringComparison.Ordinal);
            int nextOpen = answerText.IndexOf(OpenTag, body, StringComparison.Ordinal);
            // A new <tool_call> before any </tool_call> means the earlier block was never closed.
            bool terminated = close >= 0 && (nextOpen < 0 || close < nextOpen);
            int end = terminated ? close : nextOpen >= 0 ? nextOpen : answerText.Length;
            calls.Add(ParseBlock(answerText[body..end], terminated));
            pos = terminated ? close + CloseTag.Length : end;
        }
        text.Replace(CloseTag, "");
        return new ParsedAnswer(calls, text.ToString().Trim());
    }

    /// <summary>Reads one block's body. An unterminated block whose JSON is complete is accepted: the token limit
    /// struck just before the closing tag, and the call itself is whole.</summary>
    private static ParsedToolCall ParseBlock(string body, bool terminated)
    {
        string json = StripFence(body.Trim());
        if (json.Length == 0)
            return new ParsedToolCall(null, body, terminated ? "empty <tool_call> block" : "unterminated <tool_call> block: the answer ended before the call was written");
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, Lenient);
        }
        catch (JsonException e)
        {
            string? guessed = NamePattern().Match(json) is { Success: true } m ? m.Groups[1].Value : null;
            string error = terminated
                ? $"invalid JSON in <tool_call>: {FirstSentence(e.Message)}; write {{\"name\": \"...\", \"arguments\": {{...}}}}"
                : "unterminated <tool_call> block: the answer ended before the call was complete";
            return new ParsedToolCall(guessed, json, error);
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return new ParsedToolCall(null, json, $"<tool_call> holds {Article(root.ValueKind)}; expected a JSON object {{\"name\": \"...\", \"arguments\": {{...}}}}");
            string? name = root.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
            if (string.IsNullOrWhiteSpace(name))
                return new ParsedToolCall(null, json, "<tool_call> has no \"name\" string naming the tool");
            if (!root.TryGetProperty("arguments", out var arguments) && !root.TryGetProperty("parameters", out arguments))
                return new ParsedToolCall(name, "{}");
            return arguments.ValueKind switch
            {
                JsonValueKind.Object => new ParsedToolCall(name, arguments.GetRawText()),
                JsonValueKind.Null => new ParsedToolCall(name, "{}"),
                JsonValueKind.String => FromEncodedArguments(name, arguments.GetString()!),
                _ => new ParsedToolCall(name, arguments.GetRawText(), $"\"arguments\" of {name} is {Article(arguments.ValueKind)}; expected a JSON object"),
            };
        }
    }

    // Some models serialise the arguments twice: "arguments": "{\"unit\": \"km\"}".
    private static ParsedToolCall FromEncodedArguments(string name, string encoded)
    {
        if (encoded.Trim().Length == 0) return new ParsedToolCall(name, "{}");
        try
        {
            using var inner = JsonDocument.Parse(encoded, Lenient);
            return inner.RootElement.ValueKind == JsonValueKind.Object
                ? new ParsedToolCall(name, inner.RootElement.GetRawText())
                : new ParsedToolCall(name, encoded, $"\"arguments\" of {name} is a string holding {Article(inner.RootElement.ValueKind)}; expected a JSON object");
        }
        catch (JsonException e)
        {
            return new ParsedToolCall(name, encoded, $"\"arguments\" of {name} is a string that is not JSON ({FirstSentence(e.Message)}); expected a JSON object");
        }
    }

    private static string StripFence(string text)
    {
        if (!text.StartsWith("```", StringComparison.Ordinal)) return text;
        int lineEnd = text.IndexOf('\n');
        if (lineEnd < 0) return text;
        string inner = text[(lineEnd + 1)..];
        if (inner.TrimEnd().EndsWith("```", StringComparison.Ordinal)) inner = inner.TrimEnd()[..^3];
        return inner.Trim();
    }

    private static string Article(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.Null => "null",
        JsonValueKind.Object => "an object",
        _ => "a boolean",
    };

    // System.Text.Json messages append "Path: $ | LineNumber: 0 | BytePositionInLine: 12." — keep the readable part.
    private static string FirstSentence(string message)
    {
        int cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        string head = (cut > 0 ? message[..cut] : message).TrimEnd('.', ' ');
        int position = message.IndexOf("BytePositionInLine: ", StringComparison.Ordinal);
        return position > 0 ? $"{head} at character {message[(position + 20)..].TrimEnd('.')}" : head;
    }

    [GeneratedRegex("\"name\"\\s*:\\s*\"([^\"\\\\]+)\"")]
    private static partial Regex NamePattern();
}
