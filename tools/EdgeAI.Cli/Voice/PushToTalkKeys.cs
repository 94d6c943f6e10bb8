using EdgeAI.Voice.Dialog;

namespace EdgeAI.Cli.Voice;

/// <summary>
/// <c>--ptt key</c>: each line on stdin (Enter on a terminal) presses push-to-talk, the next releases it. A background
/// thread reads stdin so the audio loop never waits for a key.
/// </summary>
internal sealed class PushToTalkKeys : IDisposable
{
    private readonly Thread _thread;
    private volatile bool _stopped;

    private PushToTalkKeys(VoiceDialog dialog, TextReader keys, TextWriter log)
    {
        _thread = new Thread(() =>
        {
            bool down = false;
            while (!_stopped && keys.ReadLine() is not null)
            {
                down = !down;
                if (down) dialog.Press();
                else dialog.Release();
            }
        }) { IsBackground = true, Name = "push-to-talk keys" };
        if (!Console.IsInputRedirected) log.WriteLine("edgeai: press Enter to talk, Enter again when done");
    }

    /// <summary>Starts reading stdin for <paramref name="dialog"/>.</summary>
    public static PushToTalkKeys Start(VoiceDialog dialog, TextWriter log)
    {
        var keys = new PushToTalkKeys(dialog, Console.In, log);
        keys._thread.Start();
        return keys;
    }

    /// <inheritdoc/>
    public void Dispose() => _stopped = true;
}
