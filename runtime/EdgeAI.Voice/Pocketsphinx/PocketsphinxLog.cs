using System.Text;
using EdgeAI.Voice.Pocketsphinx.Interop;

namespace EdgeAI.Voice.Pocketsphinx;

/// <summary>
/// sphinxbase reports errors only in its log, and its log file is one per process. A configuration call (init, a
/// word, a grammar, a search) therefore runs inside a capture: under one process-wide lock, the log goes to a fresh
/// temporary file, and a failed call's message is that file's last <c>ERROR:</c> line. Outside captures the log goes
/// to /dev/null, so decoding writes nothing anywhere. <see cref="Check"/> is the one status check of the binding.
/// </summary>
internal sealed class PocketsphinxLog : IDisposable
{
    private const string Discard = "/dev/null";
    private static readonly Lock Gate = new();
    private static long s_sequence;

    private PocketsphinxLog(string path) => Path = path;

    /// <summary>The file the log goes to during this capture (pass it as <c>-logfn</c> to ps_init).</summary>
    public string Path { get; }

    /// <summary>Starts a capture: takes the lock and points sphinxbase's log at a fresh file.</summary>
    public static PocketsphinxLog Capture()
    {
        Gate.Enter();
        string path = System.IO.Path.Combine(System.IO.Path.GetTempPath(),
            $"edgeai-pocketsphinx-{Environment.ProcessId}-{Interlocked.Increment(ref s_sequence)}.log");
        try
        {
            File.WriteAllBytes(path, []);
            LibPocketsphinx.err_set_logfile(path);
            return new PocketsphinxLog(path);
        }
        catch
        {
            File.Delete(path);
            Gate.Exit();
            throw;
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
        string? last = null;
        // sphinxbase writes through stdio: what it logged is in the file once its buffer is flushed (err_set_logfile
        // to /dev/null closes and flushes it).
        LibPocketsphinx.err_set_logfile(Discard);
        foreach (string line in File.ReadLines(Path, Encoding.UTF8))
        {
            if (!line.StartsWith("ERROR:", StringComparison.Ordinal) && !line.StartsWith("FATAL", StringComparison.Ordinal)) continue;
            // ERROR: "fsg_search.c", line 141: The word 'x' is missing in the dictionary
            int colon = line.IndexOf(": ", line.IndexOf("line ", StringComparison.Ordinal) is int at and >= 0 ? at : 0, StringComparison.Ordinal);
            last = (colon >= 0 ? line[(colon + 2)..] : line).Trim();
        }
        LibPocketsphinx.err_set_logfile(Path);
        return last;
    }

    /// <summary>Points the log back at /dev/null, deletes the file and releases the lock.</summary>
    public void Dispose()
    {
        try
        {
            LibPocketsphinx.err_set_logfile(Discard);
            File.Delete(Path);
        }
        finally
        {
            Gate.Exit();
        }
    }
}
