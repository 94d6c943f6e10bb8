using System.Runtime.CompilerServices;

namespace EdgeAI.Llm.Chat.Turns;

/// <summary>
/// <c>await GenerationThread.Start;</c> moves the rest of an async method onto a new background thread of its own:
/// an answer blocks in native code for its whole length, so it takes neither a pool thread nor the thread (perhaps a
/// UI's) that happened to resume it.
/// </summary>
internal readonly struct GenerationThread : ICriticalNotifyCompletion
{
    /// <summary>The awaitable.</summary>
    public static GenerationThread Start => default;

    public bool IsCompleted => false;

    public GenerationThread GetAwaiter() => this;

    public void GetResult()
    {
    }

    public void OnCompleted(Action continuation) => Run(continuation);

    public void UnsafeOnCompleted(Action continuation) => Run(continuation);

    private static void Run(Action continuation) =>
        new Thread(static state => ((Action)state!)()) { IsBackground = true, Name = "EdgeAI LLM generation" }.Start(continuation);
}
