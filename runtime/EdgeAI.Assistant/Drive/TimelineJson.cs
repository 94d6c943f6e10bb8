using System.Text.Json;
using EdgeAI.Assistant.Suggestions;
using EdgeAI.Events;
using EdgeAI.Fusion.Context;

namespace EdgeAI.Assistant.Drive;

/// <summary>Writes timeline events as v1 event lines (docs/events.md, docs/schemas/event.schema.json).</summary>
public static class TimelineJson
{
    /// <summary>One event as a JSON line.</summary>
    public static string Line(TimelineEvent e) => EventEnvelope.Line(json => Write(json, e));

    /// <summary>Writes the event's fields (the envelope first); the caller closes the object.</summary>
    public static void Write(Utf8JsonWriter json, TimelineEvent e)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(e);
        EventEnvelope.Start(json, e.TimeNs, e.Type, e.Kind, e.Id, e.Ref);
        json.WriteNumber("at_s", e.AtS);
        if (e.Context is { } snapshot)
        {
            json.WritePropertyName("keys");
            ContextJson.WriteKeys(json, snapshot);
            return;
        }
        if (e.Voice is { } voice)
        {
            EdgeAI.Voice.Dialog.VoiceEventJson.WriteFields(json, voice);
            return;
        }
        if (e.Suggestion is { } s) json.WriteString("priority", s.Priority.Name());
        if (e.Text is not null) json.WriteString("text", e.Text);
        if (e.Reason is not null) json.WriteString("reason", e.Reason);
        if (e.By is not null) json.WriteString("by", e.By);
        if (e.Type == "suggestion" && e.Suggestion is { } shown) WriteSuggestion(json, shown);
        if (e.Type == "answer")
        {
            EventEnvelope.WriteTools(json, e.Tools);
        }
    }

    private static void WriteSuggestion(Utf8JsonWriter json, Suggestion s)
    {
        json.WriteString("expires", EventEnvelope.Time(s.ExpiresNs));
        json.WriteStartArray("actions");
        foreach (var action in s.Actions)
        {
            json.WriteStartObject();
            json.WriteString("id", action.Id);
            json.WriteString("label", action.Label);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartObject("grounding");
        foreach (var fact in s.Grounding)
        {
            json.WriteStartObject(fact.Name);
            json.WriteString("value", fact.Value);
            if (fact.Unit is not null) json.WriteString("unit", fact.Unit);
            json.WriteString("kind", fact.Kind.ToString().ToLowerInvariant());
            if (fact.Source is not null) json.WriteString("source", fact.Source);
            json.WriteEndObject();
        }
        json.WriteEndObject();
        json.WriteStartObject("data");
        json.WriteString("key", s.Proposal.Key);
        json.WriteString("template", s.Proposal.Template);
        json.WriteNumber("held_s", Math.Round(s.HeldS, 3));
        json.WriteEndObject();
    }
}
