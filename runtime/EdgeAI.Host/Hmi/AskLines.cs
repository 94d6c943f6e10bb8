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
            ChatEventJson.WriteFields(json, e);
            json.WriteEndObject();
        }
        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }
}
