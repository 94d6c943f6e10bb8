using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using EdgeAI.Can.Logs;
using EdgeAI.Cli.Input;
using EdgeAI.Drivers.Sensors.Nmea;
using EdgeAI.Fusion.Scenarios;
using EdgeAI.Sensors;
using EdgeAI.Services.Geo;
using EdgeAI.Services.TrafficLights;

namespace EdgeAI.Cli.Commands;

/// <summary>
/// <c>edgeai lights --at S [SCENARIO] [--json]</c>: the traffic light ahead at second S of a scenario. The car's
/// position, heading and speed come from the scenario's GPS; the prediction sees only the SPaT messages received up to S
/// (the files the scenario's <c>services.spat</c> and <c>services.intersections</c> name: <see cref="ScenarioSpatInput"/>); the advice follows the display rules of
/// <see cref="TrafficLightAdvisor"/>. The route's next edge is not known here, so the manoeuvre is straight on.
/// </summary>
public sealed class LightsCommand : Command
{
    private readonly Argument<string?> _scenario = new("SCENARIO") { Description = "a scenario folder (default: the bundled Adlershof drive)", Arity = ArgumentArity.ZeroOrOne };
    private readonly Option<double> _at = new("--at") { Description = "seconds from the start of the drive", Required = true };
    private readonly Option<bool> _json = new("--json") { Description = "one JSON object" };

    public LightsCommand() : base("lights", "The traffic light ahead at a moment of a scenario: time to green or red, speed band, warnings")
    {
        Arguments.Add(_scenario);
        Options.Add(_at);
        Options.Add(_json);
        SetAction(parse => CommandGuard.Run(parse, (stdout, _) => Execute(parse, stdout)));
    }

    private int Execute(ParseResult parse, TextWriter stdout)
    {
        double at = parse.GetValue(_at);
        var (scenario, feed, fix, startNs) = Load(parse.GetValue(_scenario) ?? DemoCommand.BundledScenario, at);
        var predictor = new TimeToGreenPredictor();
        foreach (var message in feed.Messages)
        {
            if (message.T > at) break;
            predictor.Observe(message);
        }
        var position = new GeoPoint(fix.Latitude, fix.Longitude);
        double speed = double.IsFinite(fix.SpeedMps) ? fix.SpeedMps : 0;
        var ahead = new SignalAheadFinder(feed.Map).Find(position, fix.HeadingDeg);
        var prediction = ahead is null ? null : predictor.Predict(ahead.Intersection.Id, ahead.Maneuver.SignalGroup, at);
        var advice = ahead is not null && prediction is not null ? TrafficLightAdvisor.Advise(ahead, prediction, speed) : null;
        if (parse.GetValue(_json)) WriteJson(stdout, scenario, at, position, speed, ahead, advice);
        else WriteText(stdout, at, position, speed, ahead, prediction, advice);
        return ExitCodes.Ok;
    }

    /// <summary>The scenario, its SPaT feed and MAP, and the GPS fix at <paramref name="at"/> seconds. The one place that
    /// loads them.</summary>
    private static (Scenario, SpatFeed, GpsFix, long) Load(string folder, double at)
    {
        var scenario = Scenario.Load(Directory.Exists(folder) ? Path.Combine(folder, Scenario.FileName) : folder);
        if (scenario.Gps is null) throw new UsageException($"{Path.Combine(scenario.Folder, Scenario.FileName)}: expected inputs.gps (the car's position comes from it)");
        var feed = ScenarioSpatInput.Require(scenario);
        long startNs;
        using (var reader = CanLogFiles.OpenReader(scenario.CanLog))
            startNs = reader.TryRead(out var first) ? first.TimestampNs : throw new InvalidDataException($"{scenario.CanLog}: no frames (the drive's clock starts at its first frame)");
        long atNs = startNs + (long)(at * 1e9);
        GpsFix? fix = null;
        foreach (var f in new NmeaFileGpsSource(scenario.Gps).ReadFixesAsync().ToBlockingEnumerable())
        {
            if (!f.HasPosition) continue;
            if (f.TimestampNs > atNs + 500_000_000) break;
            fix = f;
        }
        if (fix is null || !(at >= 0) || fix.Value.TimestampNs < atNs - 1_500_000_000) throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--at {at}: expected a second of the drive with a GPS fix ({scenario.Gps})"));
        return (scenario, feed, fix.Value, startNs);
    }

    private static void WriteText(TextWriter stdout, double at, GeoPoint position, double speed, SignalAhead? ahead, SignalPrediction? prediction, TrafficLightAdvice? advice)
    {
        var inv = CultureInfo.InvariantCulture;
        stdout.WriteLine(string.Create(inv, $"at {at:F1} s: {position}, {speed * 3.6:F0} km/h"));
        if (ahead is null) { stdout.WriteLine("no traffic light ahead"); return; }
        stdout.WriteLine(string.Create(inv, $"light:      {ahead.Intersection.Id}, signal group {ahead.Maneuver.SignalGroup} ({Direction(ahead.Maneuver.Direction)}), stop line in {ahead.DistanceToStopLineM:F0} m"));
        if (prediction is null || advice is null) { stdout.WriteLine("prediction: none (no recent SPaT message)"); return; }
        stdout.WriteLine(string.Create(inv, $"state:      {prediction.State.ToJ2735Name()}, green in {Seconds(prediction.TimeToGreenS)}, red in {Seconds(prediction.TimeToRedS)}, confidence {prediction.Confidence:F2}"));
        stdout.WriteLine($"say:        {advice.Message ?? "(nothing)"}");
    }

    private static void WriteJson(TextWriter stdout, Scenario scenario, double at, GeoPoint position, double speed, SignalAhead? ahead, TrafficLightAdvice? advice)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("scenario", scenario.Name);
            json.WriteNumber("at_s", at);
            json.WriteString("position", position.ToString());
            json.WriteNumber("speed_kph", Math.Round(speed * 3.6, 1));
            if (ahead is null) json.WriteNull("light");
            else
            {
                json.WriteStartObject("light");
                json.WriteString("intersection", ahead.Intersection.Id);
                json.WriteNumber("signal_group", ahead.Maneuver.SignalGroup);
                json.WriteNumber("distance_m", Math.Round(ahead.DistanceToStopLineM, 1));
                if (advice is not null)
                {
                    var p = advice.Prediction;
                    json.WriteString("state", p.State.ToJ2735Name());
                    Number(json, "time_to_green_s", p.TimeToGreenS);
                    Number(json, "time_to_red_s", p.TimeToRedS);
                    json.WriteNumber("confidence", Math.Round(p.Confidence, 2));
                    json.WriteBoolean("show_countdown", advice.ShowCountdown);
                    if (advice.GlosaMinKph is { } lo && advice.GlosaMaxKph is { } hi)
                    {
                        json.WriteStartArray("glosa_kph");
                        json.WriteNumberValue(lo);
                        json.WriteNumberValue(hi);
                        json.WriteEndArray();
                    }
                    json.WriteBoolean("red_light_warning", advice.RedLightWarning);
                    json.WriteString("message", advice.Message);
                }
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }
        stdout.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }

    private static void Number(Utf8JsonWriter json, string name, double value)
    {
        if (double.IsFinite(value)) json.WriteNumber(name, Math.Round(value, 1));
        else json.WriteNull(name);
    }

    private static string Seconds(double s) => double.IsFinite(s) ? s.ToString("F0", CultureInfo.InvariantCulture) + " s" : "unknown";

    private static string Direction(char d) => d switch { 's' => "straight", 'l' or 'L' => "left", 'r' or 'R' => "right", 't' => "turn around", _ => d.ToString() };
}
