using System.Globalization;
using System.Text.Json;
using EdgeAI.Events;
using EdgeAI.Voice.Dialog;

namespace EdgeAI.Cli.Voice;

/// <summary>
/// Writes the dialog's events: one v1 envelope per line with <c>--json</c> (docs/events.md), else a line a person reads.
/// <c>t</c> is the session's start on the wall clock plus the event's place on the audio's timeline.
/// </summary>
internal sealed class VoiceEventWriter(TextWriter output, bool json, DateTimeOffset start)
{
    private readonly long _startNs = (start.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100;

    /// <summary>Events of each type written so far.</summary>
    public Dictionary<string, int> Counts { get; } = [];

    /// <summary>Writes <paramref name="e"/>.</summary>
    public void Write(VoiceEvent e)
    {
        Counts[e.Type] = Counts.GetValueOrDefault(e.Type) + 1;
        output.WriteLine(json ? Json(e, _startNs) : Text(e));
        output.Flush();
    }

    /// <summary>The event as a v1 envelope line.</summary>
    public static string Json(VoiceEvent e, long startNs) => EventEnvelope.Line(w =>
    {
        EventEnvelope.Start(w, startNs + (long)Math.Round(e.AtS * 1e9), e.Type, e.Kind, e.Id, e.Ref);
        w.WriteNumber("at_s", Math.Round(e.AtS, 3));
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
    });

    /// <summary>The event as a plain line.</summary>
    public static string Text(VoiceEvent e)
    {
        string at = string.Create(CultureInfo.InvariantCulture, $"{e.AtS,8:0.00} s  ");
        return at + e.Type switch
        {
            VoiceEventType.SpeechStart => "speech",
            VoiceEventType.SpeechEnd => string.Create(CultureInfo.InvariantCulture, $"end of speech at {e.SpeechEndS:0.00} s"),
            VoiceEventType.Wake => e.Kind == "ptt" ? "push-to-talk" : $"wake phrase \"{e.Text}\"",
            VoiceEventType.Transcript => string.Create(CultureInfo.InvariantCulture, $"heard \"{e.Text}\" (confidence {e.Confidence:0.00}, {e.LatencyMs:0} ms after the end of speech)"),
            VoiceEventType.NoMatch => string.Create(CultureInfo.InvariantCulture, $"heard nothing I know (best guess confidence {e.Confidence:0.00})"),
            VoiceEventType.Intent => $"intent {e.Kind}{Slots(e)}",
            VoiceEventType.Answer => string.Create(CultureInfo.InvariantCulture,
                $"answer ({e.By}, first token {e.FirstTokenMs:0} ms{(e.FirstAudioMs is { } a ? $", first audio {a:0} ms" : "")}): {e.Text}"),
            VoiceEventType.BargeIn => $"barge-in: speech stopped after {e.PlayedChunks} chunks, {e.DetectChunks} chunks after the user spoke",
            VoiceEventType.Timeout => e.Kind == "too_long" ? "request too long: cut" : "no speech after activation",
            VoiceEventType.Error => $"error: {e.Text}",
            _ => e.Type,
        };
    }

    private static string Slots(VoiceEvent e) => e.Intent is { Slots.Count: > 0 } intent
        ? " (" + string.Join(", ", intent.Slots.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key} {s.Value}")) + ")"
        : "";

    private static void Number(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v) w.WriteNumber(name, Math.Round(v, 1));
    }
}
