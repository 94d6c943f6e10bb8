using System.Text.Json;

namespace EdgeAI.Llm.Chat;

/// <summary>
/// A chat event's fields as JSON, the line types of <c>edgeai chat --json</c> (also <c>POST /api/ask</c>'s stream):
/// <c>token</c> (<c>text</c>), <c>tool_call</c> (<c>name</c>, <c>arguments</c>), <c>tool_result</c> (<c>name</c>,
/// <c>result</c>, <c>error</c>) and <c>done</c> (token counts, timings, <c>interrupted</c>, <c>token_limit</c>).
/// </summary>
public static class ChatEventJson
{
    /// <summary>Writes <paramref name="e"/>'s <c>type</c> and fields into the open object of <paramref name="json"/>.</summary>
    public static void WriteFields(Utf8JsonWriter json, in ChatEvent e)
    {
        ArgumentNullException.ThrowIfNull(json);
        switch (e.Kind)
        {
            case ChatEventKind.Token:
                json.WriteString("type", "token");
                json.WriteString("text", e.Text);
                break;
            case ChatEventKind.ToolCall:
                json.WriteString("type", "tool_call");
                json.WriteString("name", e.Name);
                WriteJson(json, "arguments", e.Arguments);
                break;
            case ChatEventKind.ToolResult:
                json.WriteString("type", "tool_result");
                json.WriteString("name", e.Name);
                WriteJson(json, "result", e.Text);
                json.WriteBoolean("error", e.IsError);
                break;
            case ChatEventKind.Done:
                TurnMetrics m = e.Metrics;
                json.WriteString("type", "done");
                json.WriteNumber("prompt_tokens", m.PromptTokens);
                json.WriteNumber("new_tokens", m.NewTokens);
                json.WriteNumber("ttft_ms", Math.Round(m.TimeToFirstTokenMs, 2));
                json.WriteNumber("tokens_per_s", Math.Round(m.TokensPerSecond, 1));
                json.WriteNumber("prefill_ms", Math.Round(m.PrefillMs, 2));
                json.WriteNumber("decode_ms", Math.Round(m.DecodeMs, 2));
                json.WriteNumber("context_tokens", m.ContextTokens);
                json.WriteNumber("reprefilled_tokens", m.ReprefilledTokens);
                json.WriteNumber("dropped_turns", m.DroppedTurns);
                json.WriteNumber("tool_calls", m.ToolCalls);
                json.WriteBoolean("interrupted", m.Interrupted);
                json.WriteBoolean("token_limit", m.HitTokenLimit);
                break;
        }
    }

    // Tool arguments and results are JSON already: embedded as values, or as a string when a model wrote broken JSON.
    private static void WriteJson(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
            return;
        }
        try
        {
            using var document = JsonDocument.Parse(value);
            json.WritePropertyName(name);
            document.RootElement.WriteTo(json);
        }
        catch (JsonException)
        {
            json.WriteString(name, value);
        }
    }
}
