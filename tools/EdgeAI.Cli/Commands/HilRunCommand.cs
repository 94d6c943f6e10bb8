using System.CommandLine;
using EdgeAI.Can;
using EdgeAI.Cli.Hil;
using EdgeAI.Cli.Input;
using EdgeAI.Host.Hil;

namespace EdgeAI.Cli.Commands;

/// <summary>
/// <c>edgeai hil run SCENARIO|FOLDER... [--junit F] [--shard i/n] [--bus IF] [--dut SOURCE]</c>: runs HIL scenarios
/// (docs/hil.md) through the whole pipeline on the virtual clock, or judges a device under test's event stream
/// (<c>--dut</c>); prints one line per expectation and writes JUnit XML. Exit 0 when every expectation holds, 1 when
/// one fails, 2 on a bad scenario (file, line and what was expected).
/// </summary>
public sealed class HilRunCommand : Command
{
    private readonly Argument<string[]> _scenarios = new("SCENARIO") { Description = "scenario folders (or scenario.json files), or folders of them", Arity = ArgumentArity.OneOrMore };
    private readonly Option<string> _junit = new("--junit") { Description = "write JUnit XML here (docs/schemas/junit.xsd): one testsuite per scenario, one testcase per expectation" };
    private readonly Option<string> _shard = new("--shard") { Description = "run shard i of n (1-based; a scenario's shard is FNV-1a of its folder name mod n, plus 1)" };
    private readonly Option<string> _bus = new("--bus") { Description = "also send the (faulted) CAN input to this interface at real time (a rig's can0; sim for the simulated bus)" };
    private readonly Option<string> _events = new("--events") { Description = "write each scenario's observed events to FOLDER/NAME.jsonl (v1 event lines)" };
    private readonly Option<string> _dut = new("--dut") { Description = "judge a device under test's event stream instead of running the pipeline: - (stdin), a file, unix:PATH or tcp:HOST:PORT" };

    public HilRunCommand() : base("run", "Run HIL scenarios (faults and expectations on the virtual clock), or judge a device under test's events")
    {
        Arguments.Add(_scenarios);
        foreach (var option in new Option[] { _junit, _shard, _bus, _dut, _events }) Options.Add(option);
        SetAction((parse, cancellation) => CommandGuard.RunAsync(parse, (stdout, stderr) => ExecuteAsync(parse, stdout, stderr, cancellation)));
    }

    private async Task<int> ExecuteAsync(ParseResult parse, TextWriter stdout, TextWriter stderr, CancellationToken cancellation)
    {
        var shard = parse.GetValue(_shard) is { } text ? ShardAssignment.Parse(text) : (ShardAssignment?)null;
        string? dut = parse.GetValue(_dut);
        string? busName = parse.GetValue(_bus);
        if (dut is not null && busName is not null) throw new UsageException("--dut and --bus: expected one of them (a device under test reads the bus itself)");
        // Every scenario is read first: a bad one stops the run before anything is driven.
        var scenarios = HilSuite.Find(parse.GetValue(_scenarios)!).Select(HilScenario.Load).ToList();
        if (shard is { } s) scenarios = scenarios.Where(x => s.Includes(x.Name)).ToList();
        if (dut is not null && scenarios.Count != 1)
            throw new UsageException($"--dut: expected exactly one scenario for the device's one event stream, found {scenarios.Count}");
        if (scenarios.Count == 0)
        {
            stdout.WriteLine($"hil: shard {shard!.Value.Index}/{shard.Value.Count} has no scenarios");
            return ExitCodes.Ok;
        }

        var results = new List<HilScenarioResult>();
        if (dut is not null)
        {
            results.Add(JudgeDut(scenarios[0], dut));
        }
        else
        {
            using var bus = busName is null ? null : CanBusOpener.Open(busName, "hil", TimeProvider.System, "--bus");
            foreach (var scenario in scenarios)
                results.Add(await new InProcessHilRun(scenario, stderr, bus).RunAsync(cancellation));
        }
        HilReport.Write(stdout, results);
        if (parse.GetValue(_junit) is { } junit) JUnitWriter.Write(junit, results, DateTimeOffset.UtcNow);
        if (parse.GetValue(_events) is { } folder)
        {
            Directory.CreateDirectory(folder);
            foreach (var r in results) File.WriteAllLines(Path.Combine(folder, r.Scenario.Name + ".jsonl"), r.Events.Select(e => e.Json));
        }
        return results.Any(r => r.Failed > 0) ? ExitCodes.Failed : ExitCodes.Ok;
    }

    private static HilScenarioResult JudgeDut(HilScenario scenario, string source)
    {
        var wall = System.Diagnostics.Stopwatch.StartNew();
        using var dut = DutSource.Open(source, Console.In);
        var events = dut.ReadAll(() => wall.Elapsed.TotalMilliseconds);
        string note = $"device under test: {events.Count} events from {dut.Name}" + (dut.IsLive ? "" : " (a file: wall-clock bounds are skipped)");
        return HilScenarioResult.Judge(scenario, new HilObservation(events, Frames: null, HasWallTimes: dut.IsLive), [note], wall.Elapsed.TotalSeconds);
    }
}
