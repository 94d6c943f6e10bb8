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
        ChatEventJson.WriteFields(_json, e);
        if (e.Kind == ChatEventKind.Done)
        {
            _json.WriteString("engine", engine);
            _json.WriteString("provider", provider);
        }

        _json.WriteEndObject();
        _json.Flush();
        output.WriteByte((byte)'\n');
        output.Flush();
    }

    public void Dispose() => _json.Dispose();
}
