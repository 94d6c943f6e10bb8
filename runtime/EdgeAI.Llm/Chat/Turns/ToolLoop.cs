using System.Text;
using EdgeAI.Llm.Chat.Budget;
using EdgeAI.Llm.Chat.Conversation;
using EdgeAI.Llm.Chat.Guidance;
using EdgeAI.Llm.Chat.Streaming;
using EdgeAI.Llm.Configuration;
using EdgeAI.Llm.Tools;

namespace EdgeAI.Llm.Chat.Turns;

/// <summary>
/// One user turn, run on its own task: the user message goes in (old turns dropped first when the budget needs it),
/// the model answers; when the answer calls tools they are run, their results go back as a tool message and the model
/// answers again, up to <see cref="LlmOptions.MaxToolRounds"/> rounds. Every event goes to the channel; the last is
/// Done, or the failure that ended the turn.
/// </summary>
internal sealed class ToolLoop(
    RenderedConversation conversation,
    KvBudget budget,
    AnswerDecoder decoder,
    GuidedToolCallDecoder guided,
    ToolRegistry? tools,
    LlmOptions options,
    TimeProvider time,
    Func<bool> guidance)
{
    // Sized once for a whole answer, so keeping its text for the history does not grow a buffer per token.
    private readonly StringBuilder _answer = new(options.MaxNewTokens * 8);

    /// <summary>Runs the turn to its end; never throws (a failure is the turn's last item on the channel).</summary>
    public async Task RunAsync(string userMessage, string? guidedSchema, ChatEventChannel events, CancellationToken stop)
    {
        await GenerationThread.Start;
        try
        {
            TurnCounters turn = await RoundsAsync(userMessage, guidedSchema, events, stop).ConfigureAwait(false);
            await events.WriteAsync(StreamItem.Of(ChatEvent.Done(turn.ToMetrics(conversation.Count)))).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            await events.WriteAsync(StreamItem.Failed(e)).ConfigureAwait(false);
        }
    }

    private async Task<TurnCounters> RoundsAsync(string userMessage, string? guidedSchema, ChatEventChannel events, CancellationToken stop)
    {
        long started = time.GetTimestamp();
        var turn = new TurnCounters();
        List<ChatEntry> history = conversation.History;
        int[] user = conversation.Encode(QwenChatTemplate.User(userMessage));
        int[] prompt = conversation.Encode(QwenChatTemplate.AssistantPrompt(options.Thinking));
        budget.MakeRoom(conversation, user.Length + prompt.Length, protectFrom: history.Count, turn);
        int turnStart = history.Count;
        conversation.AddEntry(ChatEntry.User(userMessage), conversation.Count);
        conversation.Append(user);

        for (int round = 0; ; round++)
        {
            int answerStart = conversation.Count;
            conversation.Append(prompt);
            _answer.Clear();
            if (guidedSchema is not null)
            {
                guided.Decode(conversation, guidedSchema, _answer, turn, started);
                guidedSchema = null;
            }
            else
            {
                await decoder.DecodeAsync(conversation, _answer, events, turn, started, stop).ConfigureAwait(false);
            }

            conversation.CloseAnswer();
            string answer = _answer.ToString();
            conversation.AddEntry(ChatEntry.Assistant(answer, turn.Interrupted), answerStart);
            if (turn.Interrupted || tools is null || !answer.Contains(ToolCallParser.OpenTag, StringComparison.Ordinal))
            {
                return turn;
            }

            ParsedAnswer parsed = ToolCallParser.Parse(answer);
            if (parsed.Calls.Count == 0 || round >= options.MaxToolRounds)
            {
                return turn;
            }

            // The reader's acknowledgement of the answer's end may have resumed this turn on its thread: leave it first.
            await GenerationThread.Start;

            // The tools are read-only and quick: they run even when the reader has left, so the history stays whole.
            var results = new List<ToolOutcome>(parsed.Calls.Count);
            foreach (ParsedToolCall call in parsed.Calls)
            {
                await events.WriteAsync(StreamItem.Of(ChatEvent.ToolCall(call.Name ?? "", call.ArgumentsJson))).ConfigureAwait(false);
                ToolOutcome outcome = tools.Execute(call);
                turn.ToolCalls++;
                results.Add(outcome);
                await events.WriteAsync(StreamItem.Of(ChatEvent.ToolResult(outcome.Name, outcome.ResultJson, outcome.IsError))).ConfigureAwait(false);
            }

            int[] toolResults = conversation.Encode(QwenChatTemplate.ToolResults(results.Select(r => r.ResultJson)));
            budget.MakeRoom(conversation, toolResults.Length + prompt.Length, protectFrom: turnStart, turn);
            turnStart = history.FindLastIndex(e => e.Role == ChatRole.User);
            foreach (ToolOutcome outcome in results)
            {
                conversation.AddEntry(ChatEntry.Tool(outcome.Name, outcome.ResultJson), conversation.Count);
            }

            conversation.Append(toolResults);

            // A call that failed validation is retried under the tools' schemas when the build can (bounded by MaxToolRounds).
            if (results.Any(r => r.IsError) && guidance())
            {
                guidedSchema = ToolCallSchema.For(tools);
            }
        }
    }
}
