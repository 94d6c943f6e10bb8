using EdgeAI.Can.Logs;

namespace EdgeAI.Cli.Input;

/// <summary>Opens a log for a command and shows progress on a terminal for long files.</summary>
internal sealed class LogInput : IDisposable
{
    private const long ProgressFromBytes = 32L << 20;
    private readonly FileStream _file;
    private readonly TextWriter _progress;
    private readonly bool _showProgress;
    private long _nextUpdateTicks;

    private LogInput(string path, FileStream file, ICanLogReader reader, TextWriter progress)
    {
        Path = path;
        _file = file;
        Reader = reader;
        _progress = progress;
        _showProgress = ReferenceEquals(progress, Console.Error) && !Console.IsErrorRedirected && file.Length >= ProgressFromBytes;
    }

    public string Path { get; }
    public ICanLogReader Reader { get; }

    /// <summary>Opens <paramref name="path"/> (format by extension, .gz transparent).</summary>
    public static LogInput Open(string path, CanLogReadOptions options, TextWriter progress)
    {
        var reader = CanLogFiles.OpenReader(path, options, out var file);
        return new LogInput(path, file, reader, progress);
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
    }

    public void Dispose() => Reader.Dispose();
}
