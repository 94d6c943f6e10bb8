using System.CommandLine;
using System.Globalization;
using EdgeAI.Can.Logs;
using EdgeAI.Can.Replay;
using EdgeAI.Fusion.Context;
using EdgeAI.Can.Stats;
using EdgeAI.Cli.Demo;
using EdgeAI.Cli.Input;

namespace EdgeAI.Cli.Commands;

/// <summary>
/// <c>edgeai demo</c>: replays the bundled city drive through the DBC decoder, time-compressed, and shows the
/// vehicle signals, bus statistics and driver events live (plain lines when output is redirected).
/// </summary>
public sealed class DemoCommand : Command
{
    private readonly Option<string> _speed = new("--speed") { Description = "replay speed: a factor of real time (0.1-100) or 'max' (default 20)", DefaultValueFactory = _ => "20" };
    private readonly Option<string> _log = new("--log") { Description = "drive to replay (default: the bundled city drive)" };
    private readonly Option<string> _signals = new("--signals") { Description = "the vehicle's signal map (default: models/vehicle/edgeai_demo.signals.json)" };
    private readonly Option<string> _dbc = new("--dbc") { Description = "DBC to use instead of the one the signal map names" };
    private readonly Option<string> _timeZone = new("--tz") { Description = "time zone for the time of day (IANA name, default UTC)" };
    private readonly Option<bool> _plain = new("--plain") { Description = "plain lines even on a terminal" };
    private readonly Option<bool> _json = new("--json") { Description = "one JSON event per line (docs/events.md)" };
    private readonly Option<double> _every = new("--every") { Description = "seconds of drive between plain status lines (default 30)", DefaultValueFactory = _ => 30 };

    public DemoCommand() : base("demo", "Replay the bundled city drive through the pipeline and show it live; needs no hardware")
    {
        Options.Add(_speed);
        Options.Add(_log);
        Options.Add(_signals);
        Options.Add(_dbc);
        Options.Add(_timeZone);
        Options.Add(_plain);
        Options.Add(_json);
        Options.Add(_every);
        SetAction((parse, cancellation) => CommandGuard.RunAsync(parse, (stdout, stderr) => ExecuteAsync(parse, stdout, stderr, cancellation)));
    }

    private async Task<int> ExecuteAsync(ParseResult parse, TextWriter stdout, TextWriter stderr, CancellationToken cancellation)
    {
        double speed = ParseSpeed(parse.GetValue(_speed)!);
        string log = Assets.Require(parse.GetValue(_log) ?? Assets.CityDriveLog, "the bundled drive");
        double every = parse.GetValue(_every);
        if (!(every > 0)) throw new UsageException($"--every: expected seconds above 0, found '{every.ToString(CultureInfo.InvariantCulture)}'");
        var zone = TimeZones.Parse(parse.GetValue(_timeZone));
        string mapPath = parse.GetValue(_signals) ?? Assets.Require(Assets.DemoSignals, "the demo signal map");
        var map = SignalMapInput.Load(mapPath, parse.GetValue(_dbc), stderr);
        var dashboard = new DriveDashboard(new VehicleContext(map, zone), new CanBusStatistics());
        bool json = parse.GetValue(_json);
        bool live = !json && !parse.GetValue(_plain) && ReferenceEquals(stdout, Console.Out) && !Console.IsOutputRedirected;
        IDemoView view = json ? new JsonDemoView(stdout, every) : live ? new LiveDemoView() : new PlainDemoView(stdout, every);
        var pacer = new ReplayPacer(TimeProvider.System, speed);
        string title = log == Assets.CityDriveLog ? Path.GetFileName(Path.GetDirectoryName(log))! : Path.GetFileName(log);
        view.Start($"EdgeAI demo: {title} at {(double.IsPositiveInfinity(speed) ? "max" : speed.ToString("0.##", CultureInfo.InvariantCulture) + "x")} speed");
        using var reader = CanLogFiles.OpenReader(log);
        try
        {
            while (reader.TryRead(out var frame))
            {
                await pacer.WaitAsync(frame.TimestampNs, cancellation);
                dashboard.Observe(in frame);
                view.Update(dashboard);
            }
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C: show where the drive got to.
        }
        view.Finish(dashboard);
        return ExitCodes.Ok;
    }

    private static double ParseSpeed(string text)
    {
        if (text.Equals("max", StringComparison.OrdinalIgnoreCase)) return double.PositiveInfinity;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double speed) && speed is >= 0.1 and <= 100) return speed;
        throw new UsageException($"--speed: expected a factor from 0.1 to 100 or 'max', found '{text}'");
    }
}
