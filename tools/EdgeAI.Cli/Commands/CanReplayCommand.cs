using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeAI.Can;
using EdgeAI.Can.Dbc;
using EdgeAI.Can.Filters;
using EdgeAI.Can.Logs;
using EdgeAI.Can.Replay;
using EdgeAI.Cli.Input;
using EdgeAI.Cli.Replay;
using EdgeAI.Drivers.Simulated;

namespace EdgeAI.Cli.Commands;

/// <summary>
/// <c>edgeai can replay IN --to IF|sim [--speed X|max] [--loop N] [--map ch=IF ...] [--ids ...] [--dbc F] [--json]</c>:
/// time-accurate replay of a log onto CAN interfaces. On <c>sim</c> a listening node checks every frame arrives in order.
/// </summary>
public sealed class CanReplayCommand : Command
{
    private readonly Argument<string> _input = new("IN") { Description = "log file (.log .asc .blf .trc .csv, optionally .gz)" };
    private readonly Option<string> _to = new("--to") { Description = "interface to replay onto: can0, vcan0, or sim / sim:bitrate=500k,busoff=30s+2s", Required = true };
    private readonly Option<string> _speed = new("--speed") { Description = "factor of real time, 0.1-100, or 'max' (default 1)", DefaultValueFactory = _ => "1" };
    private readonly Option<int> _loop = new("--loop") { Description = "times to play the log; 0 repeats until Ctrl+C (default 1)", DefaultValueFactory = _ => 1 };
    private readonly Option<string[]> _map = new("--map") { Description = "send a channel of the log to another interface: can1=vcan1 (repeatable)" };
    private readonly Option<string> _dbc = new("--dbc") { Description = "DBC, so --ids may name messages (VehicleSpeed,0x123)" };
    private readonly Option<bool> _json = new("--json") { Description = "the report as JSON" };
    private readonly FrameSelectionOptions _selection = new();
    private readonly TimeProvider _time;

    public CanReplayCommand() : this(TimeProvider.System)
    {
    }

    /// <summary>A replay command on another clock (tests).</summary>
    public CanReplayCommand(TimeProvider time) : base("replay", "Replay a log onto CAN interfaces (or the simulated bus) in real time")
    {
        _time = time;
        Arguments.Add(_input);
        Options.Add(_to);
        Options.Add(_speed);
        Options.Add(_loop);
        Options.Add(_map);
        Options.Add(_dbc);
        Options.Add(_json);
        _selection.AddTo(this);
        SetAction((parse, cancellation) => CommandGuard.RunAsync(parse, (stdout, stderr) => ExecuteAsync(parse, stdout, stderr, cancellation)));
    }

    private async Task<int> ExecuteAsync(ParseResult parse, TextWriter stdout, TextWriter stderr, CancellationToken cancellation)
    {
        string input = parse.GetRequiredValue(_input);
        double speed = Durations.ParseSpeed(parse.GetValue(_speed)!, "--speed");
        int loops = parse.GetValue(_loop);
        if (loops < 0) throw new UsageException($"--loop: expected 0 (forever) or more passes, found '{loops}'");
        var database = parse.GetValue(_dbc) is { } dbc ? DbcInput.Load(dbc, strict: false, stderr) : null;
        var readOptions = _selection.ReadOptions(parse);
        string to = parse.GetRequiredValue(_to);
        var map = ParseMap(parse.GetValue(_map) ?? []);
        Func<ICanLogReader> openLog = () => CanLogFiles.OpenReader(input, readOptions);
        using (openLog()) { } // a missing or unknown file is reported before any bus is opened
        Func<CanChannelTable, CanFrameFilter> filter = channels => _selection.Filter(parse, channels, database);
        filter(new CanChannelTable()); // option errors (ranges, --ids) now, as one line

        var targets = new Dictionary<string, ICanBus>(StringComparer.Ordinal);
        var checks = new List<(string Name, SimulatedCanNode Listener, DeliveryCheck Check, Task Running)>();
        try
        {
            foreach (var name in map.Values.Append(to).Distinct())
            {
                var bus = CanBusOpener.Open(name, "replay", _time, map.ContainsValue(name) ? "--map" : "--to");
                targets[name] = bus;
                if (bus is SimulatedCanNode sim)
                {
                    // Big enough that a listener descheduled for a while on a busy machine loses nothing at max speed.
                    var listener = sim.Bus.AddNode("check", new SimulatedNodeOptions { ReceiveQueueCapacity = 1 << 20 });
                    var check = new DeliveryCheck(listener, openLog, filter, channel => (map.GetValueOrDefault(channel) ?? to) == name, loops);
                    checks.Add((name, listener, check, Task.Run(check.RunAsync, CancellationToken.None)));
                }
            }
            stderr.WriteLine($"edgeai: replaying {input} onto {string.Join(", ", targets.Keys)} at {SpeedText(speed)}" + (loops == 1 ? "" : loops == 0 ? ", looping until Ctrl+C" : $", {loops} times"));
            var options = new CanReplayOptions
            {
                Speed = speed,
                Loops = loops,
                Filter = filter,
                BusOffChanged = busOff => stderr.WriteLine(busOff.RecoveredAfter is { } after
                    ? $"edgeai: {busOff.Target} recovered after {Seconds(after)}; resuming"
                    : $"edgeai: {busOff.Target} is bus-off at {Seconds(busOff.At)} (recording {Seconds(busOff.RecordingTime)}); waiting for recovery"),
            };
            var report = await new CanReplay(options, _time).RunAsync(openLog, channel => targets[map.GetValueOrDefault(channel) ?? to], cancellation);

            foreach (var (_, listener, _, _) in checks) await DrainWireAsync(listener);
            foreach (var (_, listener, _, running) in checks)
            {
                listener.Dispose();
                await running;
            }
            var results = checks.ConvertAll(c => new CheckResult(c.Name, c.Check.Received, c.Check.InOrder, c.Check.OutOfOrder,
                Math.Max(report.SentByTarget.GetValueOrDefault(targets[c.Name].Name) - c.Check.InOrder - c.Check.OutOfOrder, 0), c.Listener.ReceiveOverflows));
            if (parse.GetValue(_json)) WriteJson(stdout, input, report, results);
            else WriteText(stdout, input, report, results);
            return results.Any(r => !r.Ok) ? ExitCodes.Failed : ExitCodes.Ok;
        }
        finally
        {
            foreach (var bus in targets.Values)
            {
                if (bus is SimulatedCanNode sim) sim.Bus.Dispose();
                else bus.Dispose();
            }
        }
    }

    /// <summary>On a timed bus the last frames are still on the wire when the replay ends: wait until it is quiet.</summary>
    private async Task DrainWireAsync(SimulatedCanNode listener)
    {
        foreach (var node in listener.Bus.Nodes)
            while (node.PendingTransmissions > 0) await Task.Delay(TimeSpan.FromMilliseconds(1), _time);
    }

    private static Dictionary<string, string> ParseMap(string[] entries)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            int eq = entry.IndexOf('=');
            if (eq <= 0 || eq == entry.Length - 1) throw new UsageException($"--map: expected CHANNEL=INTERFACE such as can1=vcan1, found '{entry}'");
            map[entry[..eq]] = entry[(eq + 1)..];
        }
        return map;
    }

    private sealed record CheckResult(string Target, long Received, long InOrder, long OutOfOrder, long Missing, long Overflows)
    {
        public bool Ok => OutOfOrder == 0 && Missing == 0 && Overflows == 0;
    }

    private static void WriteText(TextWriter o, string input, CanReplayReport r, List<CheckResult> checks)
    {
        var inv = CultureInfo.InvariantCulture;
        o.WriteLine($"replay of {input} at {SpeedText(r.Speed)}{(r.Cancelled ? " (cancelled)" : "")}");
        o.WriteLine(string.Create(inv, $"  frames sent      {r.FramesSent} (read {r.FramesRead}, filtered {r.FramesFiltered}, delayed {r.FramesDelayed}, dropped {r.DroppedTotal})"));
        foreach (var (reason, count) in r.Dropped) o.WriteLine(string.Create(inv, $"  dropped          {count}: {reason}"));
        o.WriteLine(string.Create(inv, $"  loops            {r.Loops}"));
        string ratio = r.WallTime > TimeSpan.Zero ? string.Create(inv, $" ({r.RecordedTime / r.WallTime:0.##}x real time)") : "";
        o.WriteLine($"  wall time        {Seconds(r.WallTime)} for {Seconds(r.RecordedTime)} recorded{ratio}");
        o.WriteLine(r.SendErrorP50 is { } p50
            ? $"  send-time error  p50 {Micro(p50)}, p99 {Micro(r.SendErrorP99!.Value)}, max {Micro(r.SendErrorMax!.Value)} (actual - due)"
            : "  send-time error  - (max speed: nothing is due)");
        foreach (var b in r.BusOffs)
            o.WriteLine(string.Create(inv, $"  bus-off          {b.Target} at {Seconds(b.At)} (recording {Seconds(b.RecordingTime)}), ")
                + (b.RecoveredAfter is { } after ? string.Create(inv, $"recovered after {Seconds(after)}, {b.FramesWaiting} frames waited and were sent on recovery") : "not recovered"));
        foreach (var c in checks)
            o.WriteLine(string.Create(inv, $"  {c.Target} check  {c.Received} frames received, {c.InOrder} in order, {c.OutOfOrder} out of order, {c.Missing} missing, {c.Overflows} receive overflows")
                + (c.Ok ? ": every frame arrived in order" : ": FAILED"));
    }

    private static void WriteJson(TextWriter o, string input, CanReplayReport r, List<CheckResult> checks)
    {
        static double? Us(TimeSpan? t) => t is { } v ? Math.Round(v.TotalMicroseconds, 1) : null;
        var busOffs = new JsonArray();
        foreach (var b in r.BusOffs)
            busOffs.Add((JsonNode)new JsonObject
            {
                ["target"] = b.Target, ["at_s"] = b.At.TotalSeconds, ["recording_s"] = b.RecordingTime.TotalSeconds,
                ["recovered_after_s"] = b.RecoveredAfter?.TotalSeconds, ["frames_waiting"] = b.FramesWaiting,
            });
        var checkList = new JsonArray();
        foreach (var c in checks)
            checkList.Add((JsonNode)new JsonObject
            {
                ["target"] = c.Target, ["received"] = c.Received, ["in_order"] = c.InOrder, ["out_of_order"] = c.OutOfOrder,
                ["missing"] = c.Missing, ["receive_overflows"] = c.Overflows, ["ok"] = c.Ok,
            });
        var doc = new JsonObject
        {
            ["input"] = input,
            ["speed"] = double.IsPositiveInfinity(r.Speed) ? "max" : r.Speed.ToString(CultureInfo.InvariantCulture),
            ["cancelled"] = r.Cancelled,
            ["frames_read"] = r.FramesRead, ["frames_sent"] = r.FramesSent, ["frames_filtered"] = r.FramesFiltered, ["frames_delayed"] = r.FramesDelayed,
            ["dropped"] = Counts(r.Dropped), ["sent_by_target"] = Counts(r.SentByTarget), ["loops"] = r.Loops,
            ["wall_s"] = r.WallTime.TotalSeconds, ["recorded_s"] = r.RecordedTime.TotalSeconds,
            ["send_error_us"] = new JsonObject { ["p50"] = Us(r.SendErrorP50), ["p99"] = Us(r.SendErrorP99), ["max"] = Us(r.SendErrorMax) },
            ["bus_off"] = busOffs,
            ["checks"] = checkList,
        };
        o.WriteLine(doc.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    private static JsonObject Counts(IReadOnlyDictionary<string, long> counts)
    {
        var o = new JsonObject();
        foreach (var (key, count) in counts) o[key] = count;
        return o;
    }

    private static string SpeedText(double speed) => double.IsPositiveInfinity(speed) ? "max speed" : speed.ToString("0.##", CultureInfo.InvariantCulture) + "x";
    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture) + " s";
    private static string Micro(TimeSpan t) => t.TotalMicroseconds.ToString("0.#", CultureInfo.InvariantCulture) + " us";
}
