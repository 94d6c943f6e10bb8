using System.Text.Json;
using EdgeAI.Events;
using EdgeAI.Fusion.Mapping;

namespace EdgeAI.Fusion.Context;

/// <summary>
/// Writes a snapshot as the JSON object that <c>edgeai context --json</c> and the HMI's <c>/api/state</c> share
/// (docs/events.md): <c>{"Vehicle.Speed": {"value": 47.2, "unit": "km/h", "age_ms": 12, "quality": "valid",
/// "source": "can"}, ...}</c>. Flags are JSON booleans, labels strings, numbers numbers; a key never seen has
/// <c>"value": null</c>.
/// </summary>
public static class ContextJson
{
    /// <summary>Writes the snapshot's keys as one JSON object.</summary>
    public static void WriteKeys(Utf8JsonWriter json, ContextSnapshot snapshot)
    {
        json.WriteStartObject();
        foreach (var entry in snapshot.Entries)
        {
            json.WritePropertyName(entry.Key.Name);
            json.WriteStartObject();
            json.WritePropertyName("value");
            var reading = entry.Reading;
            if (!reading.HasValue || double.IsNaN(reading.Value)) json.WriteNullValue();
            else if (entry.Key.Kind == KeyKind.Bool) json.WriteBooleanValue(reading.IsSet);
            else if (entry.Label is not null) json.WriteStringValue(entry.Label);
            else if (double.IsFinite(reading.Value)) json.WriteNumberValue(Math.Round(reading.Value, 6));
            else json.WriteNullValue();
            if (entry.Key.Unit.Length > 0) json.WriteString("unit", entry.Key.Unit);
            if (reading.HasValue) json.WriteNumber("age_ms", Math.Round(reading.AgeNs / 1e6, 1));
            json.WriteString("quality", QualityName(reading.Quality));
            if (reading.HasValue) json.WriteString("source", SourceName(reading.Source));
            json.WriteEndObject();
        }
        json.WriteEndObject();
    }

    /// <summary>The snapshot's keys as one JSON object, as a string (the HMI's <c>/api/state</c>).</summary>
    public static string Keys(ContextSnapshot snapshot)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(4096);
        using (var json = new Utf8JsonWriter(buffer, EventEnvelope.WriterOptions)) WriteKeys(json, snapshot);
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>The snapshot as a <c>"type":"context"</c> event line (docs/events.md), at <paramref name="atSeconds"/>
    /// into the drive.</summary>
    public static string EventLine(ContextSnapshot snapshot, double atSeconds) => EventEnvelope.Line(json =>
    {
        EventEnvelope.Start(json, snapshot.TimeNs, "context");
        json.WriteNumber("at_s", Math.Round(atSeconds, 3));
        json.WritePropertyName("keys");
        WriteKeys(json, snapshot);
    });

    /// <summary>The quality as the JSON and the text output spell it.</summary>
    public static string QualityName(ContextQuality quality) => quality switch
    {
        ContextQuality.NeverSeen => "never_seen",
        ContextQuality.E2EFailed => "e2e_failed",
        ContextQuality.Implausible => "implausible",
        ContextQuality.Stale => "stale",
        _ => "valid",
    };

    /// <summary>The source as the JSON spells it.</summary>
    public static string SourceName(KeySource source) => source switch
    {
        KeySource.Gps => "gps",
        KeySource.Sensor => "sensor",
        KeySource.Camera => "camera",
        KeySource.Derived => "derived",
        _ => "can",
    };
}
