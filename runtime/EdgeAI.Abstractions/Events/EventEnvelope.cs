using System.Globalization;
using System.Text.Json;

namespace EdgeAI.Events;

/// <summary>
/// The v1 event envelope every JSON event stream shares (docs/events.md, docs/schemas/event.schema.json):
/// <c>{"v":1,"t":"2026-05-14T07:42:26.000Z","type":...,"kind":...,"id":...,"ref":...,...}</c>.
/// </summary>
public static class EventEnvelope
{
    /// <summary>Writer options for event lines: text as written (no \u escapes for '>' or non-ASCII letters).</summary>
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The envelope's version.</summary>
    public const int Version = 1;

    /// <summary>Starts an event object and writes the envelope's fields; the caller adds its own and ends the object.</summary>
    /// <param name="json">The writer.</param>
    /// <param name="timeNs">When (ns since the Unix epoch, UTC).</param>
    /// <param name="type">The event's type (lower case, underscores).</param>
    /// <param name="kind">Its kind within the type, if any.</param>
    /// <param name="id">Its own id, if it can be referred to.</param>
    /// <param name="reference">The id of the event it is about (a suggestion's <c>accepted</c> names the suggestion).</param>
    public static void Start(Utf8JsonWriter json, long timeNs, string type, string? kind = null, string? id = null, string? reference = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        json.WriteStartObject();
        json.WriteNumber("v", Version);
        json.WriteString("t", Time(timeNs));
        json.WriteString("type", type);
        if (kind is not null) json.WriteString("kind", kind);
        if (id is not null) json.WriteString("id", id);
        if (reference is not null) json.WriteString("ref", reference);
    }

    /// <summary>One event as a line of JSON: <paramref name="body"/> starts it (with <see cref="Start"/>) and writes its
    /// fields; the object is closed here.</summary>
    public static string Line(Action<Utf8JsonWriter> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            body(json);
            json.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>A time as the envelope writes it: UTC with milliseconds and a Z.</summary>
    public static string Time(long timeNs) =>
        DateTimeOffset.UnixEpoch.AddTicks(timeNs / 100).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    /// <summary>Writes an answer's <c>tools</c> array: each tool's name, arguments and result (JSON as JSON, anything
    /// else as a string).</summary>
    public static void WriteTools(Utf8JsonWriter json, IEnumerable<ToolUse> tools)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(tools);
        json.WriteStartArray("tools");
        foreach (var tool in tools)
        {
            json.WriteStartObject();
            json.WriteString("name", tool.Name);
            WriteRaw(json, "arguments", tool.Arguments);
            WriteRaw(json, "result", tool.Result);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static void WriteRaw(Utf8JsonWriter json, string name, string raw)
    {
        json.WritePropertyName(name);
        try
        {
            using var document = JsonDocument.Parse(raw);
            document.RootElement.WriteTo(json);
        }
        catch (JsonException)
        {
            json.WriteStringValue(raw);
        }
    }
}
