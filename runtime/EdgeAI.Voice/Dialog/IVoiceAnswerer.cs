using EdgeAI.Events;
using EdgeAI.Voice.Intents;

namespace EdgeAI.Voice.Dialog;

/// <summary>
/// Answers a spoken request: a service or vehicle intent from the assistant's tools, a free question from the LLM
/// when one is loaded. Streams the answer's tokens so the first one can be timed and a barge-in can cancel the rest.
/// </summary>
public interface IVoiceAnswerer
{
    /// <summary>Who answers <paramref name="intent"/> (templates, model, intent).</summary>
    string By(Intent intent);

    /// <summary>The tools the last finished answer used (empty for an intent answered directly).</summary>
    IReadOnlyList<ToolUse> LastTools { get; }

    /// <summary>The answer's text in pieces; cancelling stops the generation between tokens.</summary>
    IAsyncEnumerable<string> AnswerAsync(Intent intent, CancellationToken cancellation);
}
