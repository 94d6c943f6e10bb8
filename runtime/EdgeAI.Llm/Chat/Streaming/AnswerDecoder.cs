using System.Text;
using EdgeAI.Llm.Chat.Conversation;
using Microsoft.ML.OnnxRuntimeGenAI;

namespace EdgeAI.Llm.Chat.Streaming;

/// <summary>
/// The generation loop of one streamed answer, on the turn's own task: prefill, then token by token (cancellation
/// checked before each), routed by id (<see cref="AnswerRouter"/>), decoded into whole UTF-8 pieces and written to the
/// channel. At the end it waits for the reader to reach the answer's end and cuts what the reader never saw (barge-in),
/// then drops any think block. Allocates nothing per token but the piece GenAI decodes.
/// </summary>
internal sealed class AnswerDecoder(SpecialTokens special, int maxNewTokens, TimeProvider time)
{
    private long _generated;

    /// <summary>Tokens generated over the session's life (for tests: how far the model got after a barge-in).</summary>
    public long Generated => Volatile.Read(ref _generated);

    /// <summary>
    /// Generates one answer into <paramref name="conversation"/> (tokens) and <paramref name="answer"/> (text), streaming
    /// its visible pieces into <paramref name="events"/>; sets <see cref="TurnCounters.Interrupted"/> on barge-in.
    /// </summary>
    public async Task DecodeAsync(RenderedConversation conversation, StringBuilder answer, ChatEventChannel events, TurnCounters turn, long started, CancellationToken stop)
    {
        conversation.Prefill(turn, time);
        var router = new AnswerRouter(special);
        int firstNew = conversation.Count;
        using (TokenizerStream stream = conversation.CreateStream())
        {
            while (true)
            {
                if (stop.IsCancellationRequested)
                {
                    turn.Interrupted = true;
                    break;
                }

                if (conversation.Count - firstNew >= maxNewTokens || conversation.GeneratorDone)
                {
                    turn.HitTokenLimit = true;
                    break;
                }

                long before = time.GetTimestamp();
                int token = conversation.NextToken();
                turn.Decode += time.GetElapsedTime(before);
                turn.CountNewToken(time, started);
                Volatile.Write(ref _generated, _generated + 1);
                TokenRoute route = router.Route(token, conversation.Count - 1);
                if (route == TokenRoute.End)
                {
                    break;
                }

                if (route == TokenRoute.Thinking)
                {
                    continue;
                }

                string piece = stream.Decode(token);
                if (piece.Length == 0)
                {
                    continue;
                }

                answer.Append(piece);
                if (route == TokenRoute.Visible && !await events.WriteAsync(StreamItem.Piece(piece, conversation.Count, answer.Length)).ConfigureAwait(false))
                {
                    turn.Interrupted = true;
                    break;
                }
            }
        }

        AnswerCut cut = await events.EndAnswerAsync().ConfigureAwait(false);
        if (cut.Interrupted)
        {
            Cut(conversation, answer, turn, cut.TokenEnd < 0 ? firstNew : cut.TokenEnd, Math.Max(0, cut.TextEnd));
        }

        if (router.ThinkSpan(conversation.Count) is { } think && think.Start < conversation.Count)
        {
            conversation.DropThinking(think.Start, Math.Min(think.End, conversation.Count));
        }
    }

    /// <summary>Barge-in: the answer keeps what the reader was shown, the tokens generated past it leave the history and the KV cache.</summary>
    private static void Cut(RenderedConversation conversation, StringBuilder answer, TurnCounters turn, int tokenEnd, int textEnd)
    {
        turn.Interrupted = true;
        turn.HitTokenLimit = false;
        int unseen = conversation.Count - tokenEnd;
        if (unseen <= 0)
        {
            return;
        }

        turn.NewTokens -= unseen;
        answer.Length = textEnd;
        conversation.CutTo(tokenEnd);
    }
}
