using System.CommandLine;
using EdgeAI.Can.Dbc;
using EdgeAI.Can.Logs;
using EdgeAI.Can.Logs.Parquet;
using EdgeAI.Cli.Input;

namespace EdgeAI.Cli.Commands;

/// <summary><c>edgeai can convert IN OUT</c>: any log format to any other, chosen by extension.</summary>
public sealed class CanConvertCommand : Command
{
    private readonly Argument<string> _input = new("IN") { Description = "input log (.log .asc .blf .trc .csv, optionally .gz)" };
    private readonly Argument<string> _output = new("OUT") { Description = "output log; the format follows the extension (.parquet: a table for Spark, DuckDB, Trino)" };
    private readonly Option<string?> _dbc = new("--dbc") { Description = "with OUT.parquet: one row per decoded frame, one column per signal (Message.Signal)" };
    private readonly Option<bool> _strict = new("--strict") { Description = "fail instead of dropping what OUT's format cannot hold" };
    private readonly FrameSelectionOptions _selection = new();

    public CanConvertCommand() : base("convert", "Convert a CAN log between candump .log, .asc, .blf, .trc and .csv (optionally .gz), or export it to .parquet")
    {
        Arguments.Add(_input);
        Arguments.Add(_output);
        Options.Add(_strict);
        Options.Add(_dbc);
        _selection.AddTo(this);
        SetAction(parse => CommandGuard.Run(parse, (stdout, stderr) => Execute(parse, stdout, stderr)));
    }

    private int Execute(ParseResult parse, TextWriter stdout, TextWriter stderr)
    {
        string input = parse.GetRequiredValue(_input);
        string output = parse.GetRequiredValue(_output);
        bool parquet = output.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase);
        string? dbc = parse.GetValue(_dbc);
        if (!parquet) CanLogFiles.GetFormat(output); // a bad output name fails before anything is read
        if (dbc is not null && !parquet) throw new UsageException($"{output}: --dbc needs a .parquet output (decoded rows); use 'edgeai can decode' for text");
        var database = dbc is null ? null : DbcDatabase.Load(dbc);
        if (Path.GetFullPath(input) == Path.GetFullPath(output)) throw new UsageException($"{output}: the output must not be the input");
        using var log = LogInput.Open(input, _selection.ReadOptions(parse), stderr);
        var filter = _selection.Filter(parse, log.Reader.Channels);
        var writeOptions = new CanLogWriteOptions { Strict = parse.GetValue(_strict), Channels = log.Reader.Channels, TimeZone = _selection.TimeZoneOf(parse) };
        using var writer = !parquet ? CanLogFiles.CreateWriter(output, writeOptions)
            : database is null ? new ParquetFrameWriter(output, writeOptions)
            : (ICanLogWriter)new ParquetSignalWriter(output, database, writeOptions);
        long frames = 0, read = 0;
        while (log.TryRead(out var frame))
        {
            read++;
            if (filter.IsPastEnd(in frame)) break;
            if (!filter.Accepts(in frame)) continue;
            writer.Write(in frame);
            frames++;
        }
        writer.Complete();
        log.ReportSkipped(stderr);
        stdout.WriteLine($"{input} -> {output}: {frames} frames" + (frames != read ? $" ({read - frames} filtered out)" : "")
            + (writer is ParquetTableWriter table ? $", {table.Rows} rows" : ""));
        foreach (var (what, count) in writer.Losses)
            if (what == ParquetSignalWriter.NotInDbc) stderr.WriteLine($"edgeai: {count} frames {what} got no row");
            else stderr.WriteLine($"edgeai: warning: {count} frames lost {what} ({Path.GetExtension(output)} cannot hold it; --strict makes this an error)");
        return ExitCodes.Ok;
    }
}
