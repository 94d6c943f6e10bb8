using System.Runtime.CompilerServices;
using EdgeAI.Events;
using EdgeAI.Voice.Dialog;
using EdgeAI.Voice.Intents;

namespace EdgeAI.Voice.Tests.Dialog;

/// <summary>A fake answerer (the dialog is under test, not the answers): one fixed text per intent, word by word, and
/// whether a generation was cancelled.</summary>
internal sealed class FixedAnswerer(string text) : IVoiceAnswerer
{
    public int Cancelled { get; private set; }
    public List<Intent> Asked { get; } = [];
    public IReadOnlyList<ToolUse> LastTools => [];
    public string By(Intent intent) => "templates";

    public async IAsyncEnumerable<string> AnswerAsync(Intent intent, [EnumeratorCancellation] CancellationToken cancellation)
    {
        Asked.Add(intent);
        foreach (string word in text.Split(' '))
        {
            if (cancellation.IsCancellationRequested)
            {
                Cancelled++;
                cancellation.ThrowIfCancellationRequested();
            }
            await Task.Yield();
            yield return word + " ";
        }
    }
}
