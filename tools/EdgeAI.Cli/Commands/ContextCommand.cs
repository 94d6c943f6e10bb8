using System.CommandLine;
using System.Globalization;
using EdgeAI.Can.Logs;
using EdgeAI.Cli.Input;
using EdgeAI.Drivers.Sensors.Nmea;
using EdgeAI.Sensors;
using EdgeAI.Fusion.Context;
using EdgeAI.Fusion.Mapping;
using EdgeAI.Fusion.Scenarios;

namespace EdgeAI.Cli.Commands;

/// <summary>
/// <c>edgeai context [LOG|SCENARIO]</c>: replays a drive through the vehicle context and shows every key's value, unit,
/// age and quality, with the derived phase, workload and trip, at one moment (<c>--at</c>, default the end) or over the
/// drive (<c>--every</c>).
/// </summary>
public sealed class ContextCommand : Command
{
    private readonly Argument<string?> _input = new("LOG|SCENARIO") { Description = "a CAN log, or a scenario folder holding can.log.gz (default: the bundled city drive)", Arity = ArgumentArity.ZeroOrOne };
    private readonly Option<string> _signals = new("--signals") { Description = "the vehicle's signal map (default: models/vehicle/edgeai_demo.signals.json)" };
    private readonly Option<string> _dbc = new("--dbc") { Description = "DBC to use instead of the one the signal map names" };
    private readonly Option<string> _gps = new("--gps") { Description = "an NMEA 0183 file of the same drive (default: the scenario's); GPS is preferred over the CAN position while fresh" };
    private readonly Option<string> _at = new("--at") { Description = "the moment to show, as time since the first frame (e.g. 90s, 5m; default: the end)" };
    private readonly Option<string> _every = new("--every") { Description = "show a snapshot every so often of drive time (e.g. 30s)" };
    private readonly Option<string> _timeZone = new("--tz") { Description = "time zone for the time of day (IANA name; default: the scenario's, else UTC)" };
    private readonly Option<bool> _json = new("--json") { Description = "one JSON object per snapshot (docs/events.md)" };

    public ContextCommand() : base("context", "The fused vehicle context of a drive: value, unit, age and quality per key; derived phase and workload")
    {
        Arguments.Add(_input);
        Options.Add(_signals);
        Options.Add(_dbc);
        Options.Add(_gps);
        Options.Add(_at);
        Options.Add(_every);
        Options.Add(_timeZone);
        Options.Add(_json);
        SetAction(parse => CommandGuard.Run(parse, (stdout, stderr) => Execute(parse, stdout, stderr)));
    }

    private int Execute(ParseResult parse, TextWriter stdout, TextWriter stderr)
    {
        string input = parse.GetValue(_input) ?? Path.GetDirectoryName(Assets.CityDriveLog)!;
        Scenario? scenario = Directory.Exists(input) || input.EndsWith(Scenario.FileName, StringComparison.Ordinal) ? Scenario.Load(input) : null;
        if (scenario is not null) input = scenario.CanLog;
        if (!File.Exists(input)) throw new FileNotFoundException($"{input}: no such log or scenario", input);
        string? atText = parse.GetValue(_at), everyText = parse.GetValue(_every);
        if (atText is not null && everyText is not null) throw new UsageException("--at and --every: expected one of them, found both");
        long? atNs = atText is null ? null : Durations.Parse(atText, "--at").Ticks * 100;
        long everyNs = everyText is null ? 0 : Durations.Parse(everyText, "--every").Ticks * 100;
        if (everyText is not null && everyNs <= 0) throw new UsageException($"--every: expected a duration above 0, found '{everyText}'");
        var zone = TimeZones.Parse(parse.GetValue(_timeZone) ?? scenario?.TimeZone);

        string mapPath = parse.GetValue(_signals) ?? scenario?.SignalMap ?? Assets.Require(Assets.DemoSignals, "the demo signal map");
        var map = SignalMapInput.Load(mapPath, parse.GetValue(_dbc) ?? scenario?.Dbc, stderr);
        var context = new VehicleContext(map, zone);
        bool json = parse.GetValue(_json);

        var fixes = (parse.GetValue(_gps) ?? scenario?.Gps) is { } gpsPath ? ReadGps(gpsPath, stderr) : [];
        int nextFix = 0;
        using var reader = CanLogFiles.OpenReader(input);
        long firstNs = long.MinValue, nextNs = long.MinValue;
        bool pastAt = false;
        while (reader.TryRead(out var frame))
        {
            if (firstNs == long.MinValue) { firstNs = frame.TimestampNs; nextNs = firstNs + everyNs; }
            if (atNs is { } at && frame.TimestampNs - firstNs > at) { pastAt = true; break; }
            while (everyNs > 0 && frame.TimestampNs >= nextNs)
            {
                Show(stdout, context.Snapshot(nextNs), firstNs, json);
                nextNs += everyNs;
            }
            for (; nextFix < fixes.Count && fixes[nextFix].TimestampNs <= frame.TimestampNs; nextFix++) context.Apply(fixes[nextFix]);
            context.Apply(in frame);
        }
        if (firstNs == long.MinValue) throw new InvalidDataException($"{input}: no frames");
        if (atNs is { } moment && !pastAt && context.LatestNs - firstNs < moment)
            throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--at: expected a moment within the drive's {(context.LatestNs - firstNs) / 1e9:F1} s, found '{atText}'"));
        if (everyNs == 0) Show(stdout, context.Snapshot(atNs is { } a ? firstNs + a : context.LatestNs), firstNs, json);
        return ExitCodes.Ok;
    }

    /// <summary>The fixes of an NMEA file in time order; skipped sentences are one warning line.</summary>
    internal static List<GpsFix> ReadGps(string path, TextWriter stderr)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no such NMEA file", path);
        using var source = new NmeaFileGpsSource(path);
        var fixes = new List<GpsFix>();
        var reading = source.ReadFixesAsync().GetAsyncEnumerator();
        try
        {
            while (reading.MoveNextAsync().AsTask().GetAwaiter().GetResult()) fixes.Add(reading.Current);
        }
        finally
        {
            reading.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
        if (source.SentencesSkipped > 0)
            stderr.WriteLine($"edgeai: warning: {path}: {source.SentencesSkipped} of {source.SentencesRead} sentences skipped (last: {source.LastSkipReason})");
        fixes.Sort((a, b) => a.TimestampNs.CompareTo(b.TimestampNs));
        return fixes;
    }

    private static void Show(TextWriter stdout, ContextSnapshot snapshot, long firstNs, bool json)
    {
        double atSeconds = (snapshot.TimeNs - firstNs) / 1e9;
        if (json) stdout.WriteLine(ContextJson.EventLine(snapshot, atSeconds));
        else WriteText(stdout, snapshot, atSeconds);
    }

    private static void WriteText(TextWriter o, ContextSnapshot snapshot, double atSeconds)
    {
        var inv = CultureInfo.InvariantCulture;
        string Value(string key) => snapshot[key] is { } e ? Shown(e) : "-";
        o.WriteLine(string.Format(inv, "context at {0:F1} s: phase {1}, workload {2}, trip {3} km in {4} s, {5} events",
            atSeconds, Value(ContextKeys.Phase), Value(ContextKeys.Workload), Value(ContextKeys.TripDistance), Value(ContextKeys.TripDuration), snapshot.Events.Count));
        int width = snapshot.Entries.Max(e => e.Key.Name.Length);
        foreach (var entry in snapshot.Entries)
        {
            var r = entry.Reading;
            string age = r.HasValue ? (r.AgeNs / 1e6).ToString("F0", inv) + " ms" : "-";
            o.WriteLine(string.Format(inv, "  {0} {1,14} {2,-10} {3,10}  {4}", entry.Key.Name.PadRight(width), Shown(entry), entry.Key.Unit, age, ContextJson.QualityName(r.Quality)));
        }
    }

    private static string Shown(ContextEntry entry)
    {
        var r = entry.Reading;
        if (!r.HasValue || double.IsNaN(r.Value)) return "-";
        if (entry.Key.Kind == KeyKind.Bool) return r.IsSet ? "yes" : "no";
        if (entry.Label is not null) return entry.Label;
        return Math.Round(r.Value, 3).ToString("G", CultureInfo.InvariantCulture);
    }
}
