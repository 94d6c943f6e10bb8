using System.Text;
using EdgeAI.Voice.Pocketsphinx.Interop;

namespace EdgeAI.Voice.Pocketsphinx;

/// <summary>
/// sphinxbase reports errors only in its log, and its log is one per process. It goes to one temporary file for the
/// life of the process, set once and never switched (switching closes the stream another decoder's thread may be
/// writing to). A configuration call (init, a word, a grammar, a search) runs inside a capture: under one lock the
/// file is emptied, and a failed call's message is the last <c>ERROR:</c> line logged since. The file is emptied again
/// whenever it passes 1 MiB (utterances log a few lines each) and deleted when the process exits.
/// <see cref="Check"/> is the one status check of the binding.
/// </summary>
internal sealed class PocketsphinxLog : IDisposable
{
    private const long TrimBytes = 1 << 20;
    private static readonly Lock Gate = new();
    private static readonly Lazy<string> File = new(OpenProcessLog);
    // A handle of our own on the log, opened once, so that the size check at each utterance allocates nothing.
    private static readonly Lazy<Microsoft.Win32.SafeHandles.SafeFileHandle> Probe = new(() =>
        System.IO.File.OpenHandle(File.Value, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete));

    private PocketsphinxLog() { }

    /// <summary>The file sphinxbase logs to.</summary>
    public string Path => File.Value;

    /// <summary>Starts a capture: takes the lock and empties the log.</summary>
    public static PocketsphinxLog Capture()
    {
        Gate.Enter();
        try
        {
            Truncate(File.Value);
            return new PocketsphinxLog();
        }
        catch
        {
            Gate.Exit();
            throw;
        }
    }

    /// <summary>Empties the log when it has grown past 1 MiB (called at each utterance's start; no capture needed).</summary>
    public static void Trim()
    {
        if (!File.IsValueCreated) return;
        if (RandomAccess.GetLength(Probe.Value) > TrimBytes && Gate.TryEnter())
        {
            try
            {
                Truncate(File.Value);
            }
            finally
            {
                Gate.Exit();
            }
        }
    }

    /// <summary>Throws <see cref="PocketsphinxException"/> naming <paramref name="what"/> and pocketsphinx's last error when <paramref name="status"/> is negative.</summary>
    public void Check(int status, string what)
    {
        if (status < 0) Fail(what, $"status {status}");
    }

    /// <summary>Throws <see cref="PocketsphinxException"/>: <paramref name="what"/> and pocketsphinx's last error (or <paramref name="fallback"/>).</summary>
    public void Fail(string what, string fallback) => throw new PocketsphinxException($"{what}: {LastError() ?? fallback}");

    /// <summary>The last <c>ERROR:</c> or <c>FATAL</c> line logged in this capture, without its source location.</summary>
    public string? LastError()
    {
        // sphinxbase writes through stdio: flush what it buffered before reading the file
        LibPocketsphinx.fflush(0);
        string? last = null;
        using var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        while (reader.ReadLine() is { } line)
        {
            if (!line.StartsWith("ERROR:", StringComparison.Ordinal) && !line.StartsWith("FATAL", StringComparison.Ordinal)) continue;
            // ERROR: "fsg_search.c", line 141: The word 'x' is missing in the dictionary
            int at = line.IndexOf("line ", StringComparison.Ordinal);
            int colon = line.IndexOf(": ", at >= 0 ? at : 0, StringComparison.Ordinal);
            last = (colon >= 0 ? line[(colon + 2)..] : line).Trim();
        }
        return last;
    }

    /// <summary>Releases the lock.</summary>
    public void Dispose() => Gate.Exit();

    private static string OpenProcessLog()
    {
        string path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"edgeai-pocketsphinx-{Environment.ProcessId}.log");
        System.IO.File.WriteAllBytes(path, []);
        if (LibPocketsphinx.err_set_logfile(path) < 0) throw new PocketsphinxException($"{path}: cannot open pocketsphinx's log");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => System.IO.File.Delete(path);
        return path;
    }

    // sphinxbase appends (its stream is opened "a"), so emptying the file under it is safe: the next line goes to byte 0.
    private static void Truncate(string path)
    {
        LibPocketsphinx.fflush(0);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
        stream.SetLength(0);
    }
}
