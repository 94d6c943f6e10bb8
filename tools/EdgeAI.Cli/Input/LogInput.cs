using EdgeAI.Can.Logs;

namespace EdgeAI.Cli.Input;

/// <summary>
/// Opens a log for a command and shows progress on a terminal for long files. <c>-</c> is standard input in
/// candump -L format (<c>candump -L can0 | edgeai can decode - --dbc F</c>); it, a named pipe and a device are live:
/// read as frames arrive, never waiting for the end.
/// </summary>
internal sealed class LogInput : IDisposable
{
    /// <summary>The name that means standard input.</summary>
    public const string StandardInput = "-";

    private const long ProgressFromBytes = 32L << 20;
    private readonly Stream _file;
    private readonly TextWriter _progress;
    private readonly bool _showProgress;
    private long _nextUpdateTicks;

    private LogInput(string path, Stream file, ICanLogReader reader, TextWriter progress, bool live)
    {
        Path = path;
        _file = file;
        Reader = reader;
        IsLive = live;
        _progress = progress;
        _showProgress = !live && file.CanSeek && ReferenceEquals(progress, Console.Error) && !Console.IsErrorRedirected && file.Length >= ProgressFromBytes;
    }

    public string Path { get; }
    public ICanLogReader Reader { get; }

    /// <summary>Standard input, a named pipe or a device: frames arrive over time, so output is flushed as they do.</summary>
    public bool IsLive { get; }

    /// <summary>Opens <paramref name="path"/> (format by extension, .gz transparent), or standard input for <c>-</c>.</summary>
    public static LogInput Open(string path, CanLogReadOptions options, TextWriter progress)
    {
        if (path.Length == 0) throw new Commands.UsageException("expected a log file path (or - for standard input), found ''");
        if (path == StandardInput)
        {
            var stdin = Console.OpenStandardInput();
            return new LogInput(path, stdin, CanLogFiles.OpenReader(stdin, CanLogFormat.Candump, "stdin", options), progress, live: true);
        }
        var kind = EdgeAI.IO.FileIdentity.Of(path).Kind;
        var reader = CanLogFiles.OpenReader(path, options, out var file);
        return new LogInput(path, file, reader, progress, kind is EdgeAI.IO.FileKind.Fifo or EdgeAI.IO.FileKind.CharacterDevice or EdgeAI.IO.FileKind.Socket);
    }

    /// <summary>Reads the next frame and, on a terminal, redraws a progress bar a few times a second.</summary>
    public bool TryRead(out EdgeAI.Can.CanFrame frame)
    {
        if (_showProgress && Environment.TickCount64 >= _nextUpdateTicks) DrawProgress();
        return Reader.TryRead(out frame);
    }

    private void DrawProgress()
    {
        _nextUpdateTicks = Environment.TickCount64 + 250;
        double done = _file.Length > 0 ? (double)_file.Position / _file.Length : 1;
        int filled = (int)(done * 30);
        _progress.Write($"\r{System.IO.Path.GetFileName(Path)} [{new string('#', filled)}{new string('.', 30 - filled)}] {done:P0} ");
    }

    /// <summary>Prints what was skipped, one line each.</summary>
    public void ReportSkipped(TextWriter error)
    {
        if (_showProgress) _progress.Write("\r" + new string(' ', 60) + "\r");
        if (Reader.SkippedRecords > 0) error.WriteLine($"edgeai: {Path}: skipped {Reader.SkippedRecords} records that are not CAN frames");
        if (Reader.BadRecords > 0) error.WriteLine($"edgeai: {Path}: skipped {Reader.BadRecords} malformed records (--skip-bad)");
        foreach (string warning in Reader.Warnings) error.WriteLine("edgeai: warning: " + warning);
    }

    public void Dispose() => Reader.Dispose();
}
