using System.Text.Json;
using EdgeAI.Events;

namespace EdgeAI.Voice.Dialog;

/// <summary>
/// A voice event's own fields in the v1 envelope (docs/events.md), written after the envelope and <c>at_s</c>: the same
/// in <c>edgeai voice --json</c> and in the host's event stream.
/// </summary>
public static class VoiceEventJson
{
    /// <summary>Writes <paramref name="e"/>'s fields (text, confidence, slots, by, tools, latencies) into the open object.</summary>
    public static void WriteFields(Utf8JsonWriter w, VoiceEvent e)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(e);
        if (e.Text is not null) w.WriteString("text", e.Text);
        if (e.Confidence is { } confidence) w.WriteNumber("confidence", Math.Round(confidence, 3));
        if (e.Intent is { } intent)
        {
            w.WriteStartObject("slots");
            foreach (var (name, value) in intent.Slots.OrderBy(s => s.Key, StringComparer.Ordinal)) w.WriteString(name, value);
            w.WriteEndObject();
        }
        if (e.By is not null) w.WriteString("by", e.By);
        if (e.Type == VoiceEventType.Answer) EventEnvelope.WriteTools(w, e.Tools ?? []);
        if (e.SpeechEndS is { } end) w.WriteNumber("speech_end_s", Math.Round(end, 3));
        Number(w, "latency_ms", e.LatencyMs);
        Number(w, "first_token_ms", e.FirstTokenMs);
        Number(w, "first_audio_ms", e.FirstAudioMs);
        if (e.PlayedChunks is { } played) w.WriteNumber("played_chunks", played);
        if (e.DetectChunks is { } detect) w.WriteNumber("detect_chunks", detect);
    }

    private static void Number(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v) w.WriteNumber(name, Math.Round(v, 1));
    }
}
