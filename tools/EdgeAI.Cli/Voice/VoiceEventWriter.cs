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
        VoiceEventJson.WriteFields(w, e);
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
}
