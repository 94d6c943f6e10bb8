using EdgeAI.Events;
using EdgeAI.Assistant.Suggestions;
using EdgeAI.Fusion.Context;

namespace EdgeAI.Assistant.Drive;

/// <summary>
/// One line of the drive's timeline (docs/events.md): a suggestion and what happened to it, a held suggestion, a
/// vehicle event, an occupant's question and its answer, a state line.
/// </summary>
/// <param name="TimeNs">When, on the drive's clock (ns since the Unix epoch).</param>
/// <param name="AtS">Seconds since the drive's first frame.</param>
/// <param name="Type">suggestion, held, withdrawn, accepted, dismissed, action, muted, drive, question, answer, state.</param>
/// <param name="Kind">The suggestion kind or the vehicle event's kind.</param>
/// <param name="Text">What is shown or said.</param>
public sealed record TimelineEvent(long TimeNs, double AtS, string Type, string? Kind, string? Text)
{
    /// <summary>The suggestion it shows or is about.</summary>
    public Suggestion? Suggestion { get; init; }

    /// <summary>Why (the gate, the withdrawal reason, the action).</summary>
    public string? Reason { get; init; }

    /// <summary>Who wrote the text: "templates" or "model" (a model's free text is not part of the golden replay).</summary>
    public string? By { get; init; }

    /// <summary>For answers: the tools called, with arguments and results.</summary>
    public IReadOnlyList<ToolUse> Tools { get; init; } = [];

    /// <summary>Its own id (a question's, an answer refers to it), or null.</summary>
    public string? Id { get; init; }

    /// <summary>The id it refers to, or null.</summary>
    public string? Ref { get; init; }

    /// <summary>For <c>"type":"context"</c>: the snapshot it shows.</summary>
    public ContextSnapshot? Context { get; init; }

    /// <summary>For the voice dialog's events (the host's voice stage): what the dialog said, with its own fields.</summary>
    public EdgeAI.Voice.Dialog.VoiceEvent? Voice { get; init; }

    /// <summary>A voice event at <paramref name="timeNs"/>, <paramref name="atS"/> seconds into the drive.</summary>
    public static TimelineEvent Of(EdgeAI.Voice.Dialog.VoiceEvent voice, long timeNs, double atS)
    {
        ArgumentNullException.ThrowIfNull(voice);
        return new TimelineEvent(timeNs, atS, voice.Type, voice.Kind, voice.Text) { Voice = voice, Id = voice.Id, Ref = voice.Ref, By = voice.By };
    }

    /// <summary>A context event: <paramref name="snapshot"/> at <paramref name="atS"/> seconds into the drive.</summary>
    public static TimelineEvent Of(ContextSnapshot snapshot, double atS)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return new TimelineEvent(snapshot.TimeNs, atS, "context", null, null) { Context = snapshot };
    }
}
