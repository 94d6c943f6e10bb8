using EdgeAI.Events;
using EdgeAI.Voice.Intents;

namespace EdgeAI.Voice.Dialog;

/// <summary>
/// One thing the dialog did, on the audio's timeline (<see cref="AtS"/>: seconds since the source started). Only the
/// fields of its <see cref="Type"/> are set; latencies are wall-clock milliseconds.
/// </summary>
public sealed record VoiceEvent(string Type, double AtS)
{
    /// <summary>A kind within the type (wake: <c>wake</c> or <c>ptt</c>; timeout: <c>no_speech</c> or <c>too_long</c>).</summary>
    public string? Kind { get; init; }
    /// <summary>This event's id (transcripts: <c>u1</c>, <c>u2</c> ...), where others refer to it.</summary>
    public string? Id { get; init; }
    /// <summary>The id of the request it is about.</summary>
    public string? Ref { get; init; }
    /// <summary>A transcript's words, an answer's text, an error's message.</summary>
    public string? Text { get; init; }
    /// <summary>A transcript's confidence, 0..1.</summary>
    public double? Confidence { get; init; }
    /// <summary>The request's intent.</summary>
    public Intent? Intent { get; init; }
    /// <summary>Who answered (templates, model, intent).</summary>
    public string? By { get; init; }
    /// <summary>Answer: the tools it used (empty when none or answered directly).</summary>
    public IReadOnlyList<ToolUse>? Tools { get; init; }
    /// <summary>Speech end: where the speech stopped (the VAD decides <see cref="AtS"/>, later by its hangover).</summary>
    public double? SpeechEndS { get; init; }
    /// <summary>Transcript: wall ms from the VAD's end decision to the transcript.</summary>
    public double? LatencyMs { get; init; }
    /// <summary>Answer: wall ms from the transcript to the answer's first token.</summary>
    public double? FirstTokenMs { get; init; }
    /// <summary>Answer: wall ms from the transcript to the first audio chunk ready to play (null without speech out).</summary>
    public double? FirstAudioMs { get; init; }
    /// <summary>Barge-in: chunks of the answer that had been played when the user spoke (what was cut).</summary>
    public int? PlayedChunks { get; init; }
    /// <summary>Barge-in: chunks from the user's speech start to the decision (the VAD's confirmation time).</summary>
    public int? DetectChunks { get; init; }
}
