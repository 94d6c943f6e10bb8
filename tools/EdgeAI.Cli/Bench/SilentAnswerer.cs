using EdgeAI.Events;
using EdgeAI.Voice.Dialog;
using EdgeAI.Voice.Intents;

namespace EdgeAI.Cli.Bench;

/// <summary>An answerer that says nothing: <c>bench voice</c> times the dialog up to the intent, not the answers.</summary>
internal sealed class SilentAnswerer : IVoiceAnswerer
{
    /// <inheritdoc/>
    public IReadOnlyList<ToolUse> LastTools => [];

    /// <inheritdoc/>
    public string By(Intent intent) => "intent";

    /// <inheritdoc/>
    public IAsyncEnumerable<string> AnswerAsync(Intent intent, CancellationToken cancellation) => AsyncEnumerable.Empty<string>();
}
