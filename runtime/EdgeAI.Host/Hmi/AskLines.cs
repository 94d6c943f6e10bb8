using System.Text.Json;
using EdgeAI.Events;
using EdgeAI.Llm.Chat;

namespace EdgeAI.Host.Hmi;

/// <summary>
/// <c>POST /api/ask</c>'s stream: the line types of <c>edgeai chat --json</c>, one JSON object per line:
/// <c>token</c> (<c>text</c>), <c>tool_call</c> (<c>name</c>, <c>arguments</c>), <c>tool_result</c> (<c>name</c>,
/// <c>result</c>, <c>error</c>) and a final <c>done</c> (token counts, timings, <c>interrupted</c>).
/// </summary>
public static class AskLines
{
    /// <summary>The media type of the stream.</summary>
    public const string ContentType = "application/x-ndjson";

    /// <summary>One event as a line (with its newline).</summary>
    public static byte[] Line(in ChatEvent e)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, EventEnvelope.WriterOptions))
        {
            json.WriteStartObject();
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
                default:
                    var m = e.Metrics;
                    json.WriteString("type", "done");
                    json.WriteNumber("prompt_tokens", m.PromptTokens);
                    json.WriteNumber("new_tokens", m.NewTokens);
                    json.WriteNumber("ttft_ms", Math.Round(m.TimeToFirstTokenMs, 2));
                    json.WriteNumber("tokens_per_s", Math.Round(m.TokensPerSecond, 1));
                    json.WriteNumber("tool_calls", m.ToolCalls);
                    json.WriteBoolean("interrupted", m.Interrupted);
                    json.WriteBoolean("token_limit", m.HitTokenLimit);
                    break;
            }
            json.WriteEndObject();
        }
        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    // Tool arguments and results are JSON already: embedded as values, or as a string when a model wrote broken JSON.
    private static void WriteJson(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null) { json.WriteNull(name); return; }
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
