using System.CommandLine;
using EdgeAI.Can;
using EdgeAI.Can.Logs;

namespace EdgeAI.Cli.Commands;

/// <summary><c>edgeai can convert IN OUT</c>: any log format to any other, chosen by extension.</summary>
public sealed class CanConvertCommand : Command
{
    private readonly Argument<string> _input = new("IN") { Description = "input log (.log .asc .blf .trc .csv, optionally .gz)" };
    private readonly Argument<string> _output = new("OUT") { Description = "output log; the format follows the extension" };
    private readonly Option<bool> _strict = new("--strict") { Description = "fail instead of dropping what OUT's format cannot hold" };
    private readonly Option<bool> _skipBad = new("--skip-bad") { Description = "skip and count malformed records instead of failing" };

    public CanConvertCommand() : base("convert", "Convert a CAN log between candump .log, .asc, .blf, .trc and .csv")
    {
        Arguments.Add(_input);
        Arguments.Add(_output);
        Options.Add(_strict);
        Options.Add(_skipBad);
        SetAction(parse => CommandGuard.Run(parse, (stdout, stderr) => Execute(parse, stdout, stderr)));
    }

    private int Execute(ParseResult parse, TextWriter stdout, TextWriter stderr)
    {
        string input = parse.GetRequiredValue(_input);
        string output = parse.GetRequiredValue(_output);
        CanLogFiles.GetFormat(output); // fail on a bad output name before reading anything
        using var reader = CanLogFiles.OpenReader(input, new CanLogReadOptions { SkipBad = parse.GetValue(_skipBad) });
        using var writer = CanLogFiles.CreateWriter(output, new CanLogWriteOptions { Strict = parse.GetValue(_strict), Channels = reader.Channels });
        long frames = 0;
        while (reader.TryRead(out var frame))
        {
            writer.Write(in frame);
            frames++;
        }
        writer.Complete();
        stdout.WriteLine($"{input} -> {output}: {frames} frames");
        if (reader.SkippedRecords > 0) stderr.WriteLine($"edgeai: skipped {reader.SkippedRecords} records that are not CAN frames");
        if (reader.BadRecords > 0) stderr.WriteLine($"edgeai: skipped {reader.BadRecords} malformed records (--skip-bad)");
        foreach (var (what, count) in writer.Losses)
            stderr.WriteLine($"edgeai: warning: {count} frames lost {what} ({Path.GetExtension(output)} cannot hold it; --strict makes this an error)");
        return ExitCodes.Ok;
    }
}
