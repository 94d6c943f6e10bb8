using System.Text;
using System.Threading.Channels;
using EdgeAI.Assistant.Drive;
using EdgeAI.Assistant.Suggestions;
using EdgeAI.Host.Hmi;
using EdgeAI.Llm.Chat;

namespace EdgeAI.Cli.Hmi;

/// <summary>
/// The HMI's accept/dismiss and questions as work on the drive's own thread, the same for <c>demo --serve</c>
/// (<see cref="DemoHmiSource"/>) and <c>run --serve</c> (<see cref="HostHmiSource"/>); each source decides only when
/// that thread runs it.
/// </summary>
internal static class HmiDriveWork
{
    /// <summary>The occupant acts on the shown suggestion <paramref name="suggestionId"/> with <paramref name="action"/>
    /// (<c>accept</c>, <c>dismiss</c> or an alternative's id); the engine's events go to <paramref name="onEvent"/>.</summary>
    public static HmiActOutcome Act(AssistantDrive drive, string suggestionId, string action, Action<TimelineEvent> onEvent)
    {
        Suggestion? shown = null;
        foreach (var s in drive.Engine.Active) if (s.Id == suggestionId) shown = s;
        if (shown is null) return HmiActOutcome.NotShown;
        string actionId = action switch { "accept" => SuggestionAction.AcceptId, "dismiss" => SuggestionAction.DismissId, _ => action };
        bool offered = false;
        foreach (var a in shown.Actions) offered |= a.Id == actionId;
        if (!offered) return HmiActOutcome.NoSuchAction;
        return drive.Ticker.Act(suggestionId, actionId, onEvent) ? HmiActOutcome.Done : HmiActOutcome.NotShown;
    }

    /// <summary>
    /// Answers <paramref name="question"/> (id <paramref name="id"/>) with <paramref name="chat"/>: the question and the
    /// answer go on the timeline through <paramref name="onEvent"/>, the chat's events to <paramref name="output"/> (then
    /// completed). A cancelled answer is kept as "interrupted", a failed one as "failed" (its error ends the output).
    /// </summary>
    public static async Task AnswerAsync(AssistantDrive drive, IChatSession chat, string by, string id, string question,
        ChannelWriter<ChatEvent> output, Action<TimelineEvent> onEvent, CancellationToken cancellation)
    {
        long now = drive.Moment.NowNs;
        double at = drive.Moment.DriveSeconds;
        onEvent(new TimelineEvent(now, at, "question", null, question) { Id = id });
        var text = new StringBuilder();
        string? reason = null;
        try
        {
            chat.Reset();
            await foreach (var e in chat.SendAsync(question, cancellation))
            {
                if (e.Kind == ChatEventKind.Token) text.Append(e.Text);
                output.TryWrite(e);
            }
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            reason = "interrupted";
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            reason = "failed";
            output.TryComplete(e);
        }
        output.TryComplete();
        onEvent(new TimelineEvent(now, at, "answer", null, text.ToString().Trim()) { Ref = id, By = by, Reason = reason });
    }
}
