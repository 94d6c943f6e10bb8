using System.Text;
using EdgeAI.Llm.Chat.Conversation;
using EdgeAI.Llm.Configuration;
using EdgeAI.Llm.Loading;
using EdgeAI.Llm.Tools;
using Microsoft.ML.OnnxRuntimeGenAI;

namespace EdgeAI.Llm.Chat.Guidance;

/// <summary>
/// Writes a tool call decoded under GenAI's guidance (a JSON schema of the tools), valid by construction. GenAI keeps
/// a grammar for a generator's whole life, so a second generator with the schema prefills the conversation (counted as
/// re-prefilled), writes the call's JSON, and the call's tokens join the conversation's own generator with the next
/// prefill.
/// </summary>
internal sealed class GuidedToolCallDecoder(LlmModel model, LlmOptions options, SpecialTokens special, int maxLength, TimeProvider time)
{
    /// <summary>Tokens a guided tool call may take even when answers are capped shorter: a cut call is useless.</summary>
    private const int GuidedCallMaxTokens = 256;

    /// <summary>
    /// Appends a whole &lt;tool_call&gt; block to <paramref name="conversation"/>'s tokens and its text to
    /// <paramref name="answer"/>.
    /// </summary>
    public void Decode(RenderedConversation conversation, string schema, StringBuilder answer, TurnCounters turn, long started)
    {
        conversation.Append(conversation.Encode(ToolCallParser.OpenTag + "\n"));
        using var parameters = new GeneratorParams(model.Model);
        parameters.SetSearchOption("max_length", maxLength);
        parameters.SetGuidance("json_schema", schema, false);
        using var guided = new Generator(model.Model, parameters);
        long before = time.GetTimestamp();
        guided.AppendTokens(conversation.Tokens);
        turn.Prefill += time.GetElapsedTime(before);
        turn.ReprefilledTokens += conversation.Count;
        int jsonStart = conversation.Count;

        // Never past max_length, with room for the closing tags: near the budget a call may be cut (and then refused).
        int limit = Math.Min(Math.Max(options.MaxNewTokens, GuidedCallMaxTokens), maxLength - conversation.Count - 4);
        Span<int> one = stackalloc int[1];
        before = time.GetTimestamp();
        while (!guided.IsDone() && conversation.Count - jsonStart < limit)
        {
            guided.GenerateNextToken();
            one[0] = guided.GetNextTokens()[0];
            if (special.IsEnd(one[0]))
            {
                break;
            }

            conversation.Append(one);
            turn.CountNewToken(time, started);
        }

        turn.Decode += time.GetElapsedTime(before);
        string json = conversation.Decode(jsonStart, conversation.Count - jsonStart);
        conversation.Append(conversation.Encode("\n" + ToolCallParser.CloseTag));
        answer.Append(ToolCallParser.OpenTag).Append('\n').Append(json).Append('\n').Append(ToolCallParser.CloseTag);
    }
}
