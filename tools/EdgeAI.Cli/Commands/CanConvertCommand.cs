using System.CommandLine;
using System.Globalization;
using EdgeAI.Can.Dbc;
using EdgeAI.Can.Logs;
using EdgeAI.Can.Logs.Parquet;
using EdgeAI.Cli.Input;
using EdgeAI.Cli.Output;

namespace EdgeAI.Cli.Commands;

/// <summary><c>edgeai can convert IN OUT [--dbc F]</c>: any log format to any other, chosen by extension; with
/// <c>--dbc</c> and a <c>.parquet</c> OUT, decoded signals as columns instead of frames.</summary>
public sealed class CanConvertCommand : Command
{
    private readonly Argument<string> _input = new("IN") { Description = "input log (.log .asc .blf .trc .csv, optionally .gz, or .parquet), or - for candump -L lines on standard input" };
    private readonly Argument<string> _output = new("OUT") { Description = "output log; the format follows the extension (.parquet: one row per frame); - writes candump -L lines to standard output" };
    private readonly Option<bool> _strict = new("--strict") { Description = "fail instead of dropping what OUT's format cannot hold (with --dbc: frames the DBC cannot decode, and a DBC that would decode some frames wrong)" };
    private readonly Option<string> _dbc = new("--dbc") { Description = "with a .parquet OUT: one row per decoded frame, one column per signal (Message.Signal)" };
    private readonly FrameSelectionOptions _selection = new();

    public CanConvertCommand() : base("convert", "Convert a CAN log between candump .log, .asc, .blf, .trc and .csv (optionally .gz) and .parquet")
    {
        Arguments.Add(_input);
        Arguments.Add(_output);
        Options.Add(_strict);
        Options.Add(_dbc);
        _selection.AddTo(this);
        // Ctrl+C and SIGTERM cancel the token: the loop stops, the temporary output is deleted, exit 130.
        SetAction((parse, cancellation) => Task.FromResult(CommandGuard.Run(parse, (stdout, stderr) => Execute(parse, stdout, stderr, cancellation))));
    }

    private int Execute(ParseResult parse, TextWriter stdout, TextWriter stderr, CancellationToken cancellation)
    {
        string input = parse.GetRequiredValue(_input);
        string output = parse.GetRequiredValue(_output);
        bool toStdout = output == LogInput.StandardInput;
        var format = toStdout ? CanLogFormat.Candump : CanLogFiles.GetFormat(output); // a bad output name fails before anything is read
        if (!toStdout && input != LogInput.StandardInput && EdgeAI.IO.FileIdentity.SameFile(input, output)) throw new UsageException($"{output}: the output must not be the input (it names the same file as {input})");
        string? dbc = parse.GetValue(_dbc);
        if (dbc is not null && format != CanLogFormat.Parquet)
            throw new UsageException($"--dbc: decoded rows are written to Parquet only: expected OUT ending in .parquet, found '{Path.GetFileName(output)}'");
        if (dbc is not null) return ExportSignals(parse, input, output, DbcInput.Load(dbc, parse.GetValue(_strict), stderr), stdout, stderr, cancellation);
        using var log = LogInput.Open(input, _selection.ReadOptions(parse) with { Strict = parse.GetValue(_strict) }, stderr);
        var filter = _selection.Filter(parse, log.Reader.Channels);
        var writeOptions = new CanLogWriteOptions { Strict = parse.GetValue(_strict), Channels = log.Reader.Channels, TimeZone = _selection.TimeZoneOf(parse) };
        using var standardOutput = toStdout ? OutputStream.For(stdout) : null;
        using var writer = standardOutput is null ? CanLogFiles.CreateWriter(output, writeOptions) : CanLogFiles.CreateWriter(standardOutput, format, "stdout", writeOptions);
        long frames = 0, read = 0;
        while (log.TryRead(out var frame))
        {
            if ((++read & 0xFFFF) == 0) cancellation.ThrowIfCancellationRequested();
            if (filter.IsPastEnd(in frame)) break;
            if (!filter.Accepts(in frame)) continue;
            writer.Write(in frame);
            frames++;
        }
        writer.Complete();
        standardOutput?.Flush();
        log.ReportSkipped(stderr);
        // With the frames on standard output, the summary goes to standard error.
        (toStdout ? stderr : stdout).WriteLine($"{input} -> {output}: {frames} frames" + (frames != read ? $" ({read - frames} filtered out)" : ""));
        foreach (var (what, count) in writer.Losses)
            stderr.WriteLine($"edgeai: warning: {count} frames lost {what} ({Path.GetExtension(output)} cannot hold it; --strict makes this an error)");
        return ExitCodes.Ok;
    }

    /// <summary>The decoded export: a row per frame the DBC decodes; what it cannot decode is counted on one line.</summary>
    private int ExportSignals(ParseResult parse, string input, string output, DbcDatabase database, TextWriter stdout, TextWriter stderr, CancellationToken cancellation)
    {
        bool strict = parse.GetValue(_strict);
        using var log = LogInput.Open(input, _selection.ReadOptions(parse) with { Strict = parse.GetValue(_strict) }, stderr);
        var filter = _selection.Filter(parse, log.Reader.Channels);
        using var writer = ParquetSignalWriter.Create(output, database, log.Reader.Channels);
        long read = 0, selected = 0;
        while (log.TryRead(out var frame))
        {
            if ((++read & 0xFFFF) == 0) cancellation.ThrowIfCancellationRequested();
            if (filter.IsPastEnd(in frame)) break;
            if (!filter.Accepts(in frame)) continue;
            selected++;
            if (!writer.Write(in frame) && strict)
                throw new CanLogLossException(output, $"frame {frame} has no message in {database.File.Name} (drop --strict to export the frames it decodes)");
        }
        writer.Complete();
        log.ReportSkipped(stderr);
        stdout.WriteLine($"{input} -> {output}: {writer.Rows} decoded frames, {writer.SignalColumns.Count} signal columns" + (selected != read ? $" ({read - selected} filtered out)" : ""));
        if (writer.UnknownFrames > 0 || writer.PayloadlessFrames > 0)
            stderr.WriteLine("edgeai: warning: not exported: " + NotExported(writer));
        return ExitCodes.Ok;
    }

    private static string NotExported(ParquetSignalWriter writer)
    {
        var parts = new List<string>();
        if (writer.UnknownFrames > 0)
        {
            var ids = writer.UnknownIds.Order().ToList();
            string list = string.Join(", ", ids.Take(8).Select(id => (id & 0x8000_0000u) != 0
                ? "0x" + (id & 0x7FFF_FFFFu).ToString("X8", CultureInfo.InvariantCulture)
                : "0x" + id.ToString("X3", CultureInfo.InvariantCulture)));
            if (ids.Count > 8) list += $", ... {ids.Count - 8} more";
            parts.Add($"{writer.UnknownFrames} frames with {ids.Count} ids the DBC lacks ({list})");
        }
        if (writer.PayloadlessFrames > 0) parts.Add($"{writer.PayloadlessFrames} remote/error frames (no signals)");
        return string.Join("; ", parts);
    }
}
