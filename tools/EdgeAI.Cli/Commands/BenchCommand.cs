using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using EdgeAI.Cli.Bench;
using EdgeAI.Cli.Input;

namespace EdgeAI.Cli.Commands;

/// <summary><c>edgeai bench can [--json]</c>: the project's measured figures, each next to a peer measured in the same run.</summary>
public sealed class BenchCommand : Command
{
    private readonly Argument<string> _area = new("AREA") { Description = "what to measure: can (logs, decode) or replay (real-clock replay onto the simulated bus)" };
    private readonly Option<bool> _json = new("--json") { Description = "results as JSON" };
    private readonly Option<string> _log = new("--log") { Description = "log to measure with (default: the bundled city drive)" };
    private readonly Option<string> _dbc = new("--dbc") { Description = "DBC for the decode figures (default: models/dbc/edgeai_demo.dbc)" };
    private readonly Option<int> _repeat = new("--repeat") { Description = "runs per figure; the best counts (default 5)", DefaultValueFactory = _ => 5 };

    public BenchCommand() : base("bench", "Measured figures against peers (python-can, can-utils, canmatrix) in the same run: can, replay")
    {
        _area.AcceptOnlyFromAmong("can", "replay");
        Arguments.Add(_area);
        Options.Add(_json);
        Options.Add(_log);
        Options.Add(_dbc);
        Options.Add(_repeat);
        SetAction(parse => CommandGuard.Run(parse, (stdout, stderr) => Execute(parse, stdout, stderr)));
    }

    private int Execute(ParseResult parse, TextWriter stdout, TextWriter stderr)
    {
        string log = Assets.Require(parse.GetValue(_log) ?? Assets.CityDriveLog, "the log to measure with");
        string? dbc = parse.GetValue(_dbc) ?? (File.Exists(Assets.DemoDbc) ? Assets.DemoDbc : null);
        int repeat = Math.Clamp(parse.GetValue(_repeat), 1, 100);
        var results = parse.GetValue(_area) == "replay" ? new ReplayBench(log, repeat, stderr).Run() : new CanBench(log, dbc, repeat, stderr).Run();
        if (parse.GetValue(_json)) WriteJson(stdout, results);
        else WriteTable(stdout, results);
        return ExitCodes.Ok;
    }

    private static void WriteTable(TextWriter o, List<BenchResult> results)
    {
        var inv = CultureInfo.InvariantCulture;
        o.WriteLine($"machine: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}");
        o.WriteLine(string.Format(inv, "{0,-24} {1,14} {2,9} {3,10}  {4,-22} {5,14} {6,8}", "figure", "EdgeAI", "MB/s", "B/frame", "peer", "peer", "ratio"));
        foreach (var r in results)
            o.WriteLine(string.Format(inv, "{0,-24} {1,14} {2,9} {3,10}  {4,-22} {5,14} {6,8}", r.Name, Number(r.Value, r.Unit),
                r.MegabytesPerSecond is { } mb ? mb.ToString("F1", inv) : "-", r.BytesPerItem is { } b ? b.ToString("F2", inv) : "-",
                r.Peer ?? "-", r.PeerValue is { } pv ? Number(pv, r.Unit) : "(" + r.PeerProblem + ")", r.Ratio is { } x ? x.ToString("F1", inv) + "x" : "-"));
        o.WriteLine("rates in frames/s" + (results.Any(r => r.LowerIsBetter) ? ", errors in us" : "") + "; ratio = how many times better EdgeAI is (EdgeAI / peer for rates, peer / EdgeAI for errors), both measured in this run");
    }

    private static string Number(double value, string unit) => value.ToString(unit == "us" ? "N1" : "N0", CultureInfo.InvariantCulture);

    private static void WriteJson(TextWriter o, List<BenchResult> results)
    {
        var doc = new
        {
            machine = new { cores = Environment.ProcessorCount, os = System.Runtime.InteropServices.RuntimeInformation.OSDescription, dotnet = Environment.Version.ToString() },
            results = results.Select(r => new
            {
                name = r.Name, unit = r.Unit, value = Math.Round(r.Value, 1), bytes_per_item = r.BytesPerItem, megabytes_per_s = r.MegabytesPerSecond,
                peer = r.Peer, peer_value = r.PeerValue, peer_problem = r.PeerProblem, ratio = r.Ratio, lower_is_better = r.LowerIsBetter,
            }),
        };
        o.WriteLine(JsonSerializer.Serialize(doc, new JsonSerializerOptions { WriteIndented = true, DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull }));
    }
}
