using System.CommandLine;
using EdgeAI.Can.Logs;
using EdgeAI.Cli.Input;

namespace EdgeAI.Cli.Commands;

/// <summary><c>edgeai can convert IN OUT</c>: any log format to any other, chosen by extension.</summary>
public sealed class CanConvertCommand : Command
{
    private readonly Argument<string> _input = new("IN") { Description = "input log (.log .asc .blf .trc .csv, optionally .gz)" };
    private readonly Argument<string> _output = new("OUT") { Description = "output log; the format follows the extension" };
    private readonly Option<bool> _strict = new("--strict") { Description = "fail instead of dropping what OUT's format cannot hold" };
    private readonly FrameSelectionOptions _selection = new();

    public CanConvertCommand() : base("convert", "Convert a CAN log between candump .log, .asc, .blf, .trc and .csv (optionally .gz)")
    {
        Arguments.Add(_input);
        Arguments.Add(_output);
        Options.Add(_strict);
        _selection.AddTo(this);
        SetAction(parse => CommandGuard.Run(parse, (stdout, stderr) => Execute(parse, stdout, stderr)));
    }

    private int Execute(ParseResult parse, TextWriter stdout, TextWriter stderr)
    {
        string input = parse.GetRequiredValue(_input);
        string output = parse.GetRequiredValue(_output);
        CanLogFiles.GetFormat(output); // a bad output name fails before anything is read
        if (Path.GetFullPath(input) == Path.GetFullPath(output)) throw new UsageException($"{output}: the output must not be the input");
        using var log = LogInput.Open(input, _selection.ReadOptions(parse), stderr);
        var filter = _selection.Filter(parse, log.Reader.Channels);
        var writeOptions = new CanLogWriteOptions { Strict = parse.GetValue(_strict), Channels = log.Reader.Channels, TimeZone = _selection.TimeZoneOf(parse) };
        using var writer = CanLogFiles.CreateWriter(output, writeOptions);
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
        stdout.WriteLine($"{input} -> {output}: {frames} frames" + (frames != read ? $" ({read - frames} filtered out)" : ""));
        foreach (var (what, count) in writer.Losses)
            stderr.WriteLine($"edgeai: warning: {count} frames lost {what} ({Path.GetExtension(output)} cannot hold it; --strict makes this an error)");
        return ExitCodes.Ok;
    }
}
