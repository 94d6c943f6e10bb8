using System.Text.Encodings.Web;
using System.Text.Json;
using EdgeAI.Llm.Chat;

namespace EdgeAI.Cli.Output;

/// <summary>
/// <c>edgeai chat --json</c>: one object per line, flushed as it happens:
/// <c>{"type": "token", "text"}</c>, <c>{"type": "tool_call", "name", "arguments"}</c>,
/// <c>{"type": "tool_result", "name", "result", "error"}</c> and a final
/// <c>{"type": "done", "prompt_tokens", "new_tokens", "ttft_ms", "tokens_per_s", ...}</c> per turn.
/// </summary>
internal sealed class ChatJsonLines(Stream output, string engine, string provider) : IDisposable
{
    private readonly Utf8JsonWriter _json = new(output, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true });

    public void Write(ChatEvent e)
    {
        _json.Reset();
        _json.WriteStartObject();
        switch (e.Kind)
        {
            case ChatEventKind.Token:
                _json.WriteString("type", "token");
                _json.WriteString("text", e.Text);
                break;
            case ChatEventKind.ToolCall:
                _json.WriteString("type", "tool_call");
                _json.WriteString("name", e.Name);
                WriteJson("arguments", e.Arguments);
                break;
            case ChatEventKind.ToolResult:
                _json.WriteString("type", "tool_result");
                _json.WriteString("name", e.Name);
                WriteJson("result", e.Text);
                _json.WriteBoolean("error", e.IsError);
                break;
            case ChatEventKind.Done:
                TurnMetrics m = e.Metrics;
                _json.WriteString("type", "done");
                _json.WriteNumber("prompt_tokens", m.PromptTokens);
                _json.WriteNumber("new_tokens", m.NewTokens);
                _json.WriteNumber("ttft_ms", Math.Round(m.TimeToFirstTokenMs, 2));
                _json.WriteNumber("tokens_per_s", Math.Round(m.TokensPerSecond, 1));
                _json.WriteNumber("prefill_ms", Math.Round(m.PrefillMs, 2));
                _json.WriteNumber("decode_ms", Math.Round(m.DecodeMs, 2));
                _json.WriteNumber("context_tokens", m.ContextTokens);
                _json.WriteNumber("reprefilled_tokens", m.ReprefilledTokens);
                _json.WriteNumber("dropped_turns", m.DroppedTurns);
                _json.WriteNumber("tool_calls", m.ToolCalls);
                _json.WriteBoolean("interrupted", m.Interrupted);
                _json.WriteBoolean("token_limit", m.HitTokenLimit);
                _json.WriteString("engine", engine);
                _json.WriteString("provider", provider);
                break;
        }

        _json.WriteEndObject();
        _json.Flush();
        output.WriteByte((byte)'\n');
        output.Flush();
    }

    // Tool arguments and results are JSON already: embedded as values, or as a string when a model wrote broken JSON.
    private void WriteJson(string name, string? json)
    {
        if (json is null)
        {
            _json.WriteNull(name);
            return;
        }

        try
        {
            using JsonDocument document = JsonDocument.Parse(json);
            _json.WritePropertyName(name);
            document.RootElement.WriteTo(_json);
        }
        catch (JsonException)
        {
            _json.WriteString(name, json);
        }
    }

    public void Dispose() => _json.Dispose();
}
