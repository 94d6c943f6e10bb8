using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace EdgeAI.Voice.Speech;

/// <summary>
/// One espeak-ng process for one answer: <c>espeak-ng -b 1 --stdin -v VOICE -s WPM --stdout</c>. The text goes in on
/// standard input (UTF-8, then closed: <c>--stdin</c> reads to its end, so line breaks do not split sentences), the WAV
/// comes out on standard output as it is synthesized, and standard error is kept for the error message. Nothing is
/// written to disk. <see cref="Dispose"/> kills it if it still runs and reaps it.
/// </summary>
internal sealed class EspeakProcess : IDisposable
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);
    private readonly Process _process;
    private readonly StringBuilder _errors = new();
    private int _killed;

    private EspeakProcess(Process process, string voice)
    {
        _process = process;
        Voice = voice;
    }

    /// <summary>The espeak-ng voice it speaks with.</summary>
    public string Voice { get; }

    /// <summary>The process id.</summary>
    public int Id => _process.Id;

    /// <summary>Its standard output (the WAV stream).</summary>
    public Stream Output => _process.StandardOutput.BaseStream;

    /// <summary>True once it has exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>True when <see cref="Kill"/> ended it.</summary>
    public bool WasKilled => Volatile.Read(ref _killed) != 0;

    /// <summary>Starts espeak-ng; it loads the voice and waits for text.</summary>
    /// <exception cref="SpeechSynthesisException">espeak-ng is not installed or cannot be started.</exception>
    public static EspeakProcess Start(EspeakOptions options, string voice)
    {
        var start = new ProcessStartInfo(options.Executable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = Utf8NoBom,
            StandardErrorEncoding = Utf8NoBom,
        };
        foreach (var argument in (string[])["-b", "1", "--stdin", "-v", voice, "-s", options.WordsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture), "--stdout"])
            start.ArgumentList.Add(argument);
        if (options.WorkingDirectory is { } folder)
        {
            start.WorkingDirectory = folder;
            start.Environment["TMPDIR"] = folder;
        }
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new SpeechSynthesisException($"{options.Executable}: did not start");
        }
        catch (Win32Exception e)
        {
            throw new SpeechSynthesisException($"{options.Executable}: cannot start ({e.Message}); speech output needs Debian's espeak-ng (apt-get install espeak-ng)", e);
        }
        var espeak = new EspeakProcess(process, voice);
        process.ErrorDataReceived += espeak.OnError;
        process.BeginErrorReadLine();
        return espeak;
    }

    private void OnError(object sender, DataReceivedEventArgs e)
    {
        if (string.IsNullOrWhiteSpace(e.Data)) return;
        lock (_errors)
        {
            if (_errors.Length > 0) _errors.Append("; ");
            if (_errors.Length < 400) _errors.Append(e.Data.Trim());
        }
    }

    /// <summary>Gives it the whole text and closes its input; false when it has already gone (a broken pipe).</summary>
    public async ValueTask<bool> SendAsync(string text)
    {
        try
        {
            await _process.StandardInput.WriteAsync(text).ConfigureAwait(false);
            await _process.StandardInput.FlushAsync().ConfigureAwait(false);
            _process.StandardInput.Close();
            return true;
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>Waits for it to exit and returns its exit code.</summary>
    public async ValueTask<int> WaitAsync()
    {
        await _process.WaitForExitAsync().ConfigureAwait(false);
        return _process.ExitCode;
    }

    /// <summary>What it wrote to standard error (one line), or null.</summary>
    public string? Errors()
    {
        if (!_process.HasExited) return null;
        _process.WaitForExit(); // the asynchronous stderr reader has delivered everything once this returns
        lock (_errors) return _errors.Length == 0 ? null : _errors.ToString();
    }

    /// <summary>Ends it now (cancellation, barge-in, disposal); its output then ends.</summary>
    public void Kill()
    {
        Interlocked.Exchange(ref _killed, 1);
        try
        {
            _process.Kill();
        }
        catch (InvalidOperationException)
        {
            // it had already exited
        }
    }

    /// <summary>Kills it if it still runs and reaps it, so no process is left behind.</summary>
    public void Dispose()
    {
        if (!_process.HasExited) Kill();
        _process.WaitForExit();
        _process.Dispose();
    }
}
