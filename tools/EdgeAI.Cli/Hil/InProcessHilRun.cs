using System.Diagnostics;
using EdgeAI.Assistant.Drive;
using EdgeAI.Assistant.Profile;
using EdgeAI.Can;
using EdgeAI.Can.Logs;
using EdgeAI.Can.Replay;
using EdgeAI.Cli.Demo;
using EdgeAI.Cli.Input;
using EdgeAI.Events;
using EdgeAI.Fusion.Context;
using EdgeAI.Host.Hil;
using EdgeAI.Llm.Loading;

namespace EdgeAI.Cli.Hil;

/// <summary>
/// Runs a HIL scenario through the demo's pipeline in this process, on the virtual clock at full speed: the CAN log
/// through <see cref="FaultedCanReader"/>, the GPS fixes less the gps_loss windows, the cabin clip through
/// <see cref="FaultedCabinCamera"/>, templates wording (a model_load_failure fault first tries a broken model folder).
/// Every event goes through its v1 JSON line, as a device under test's would; <c>context</c> events come every 30 s,
/// at each state expectation's time and at the end, and <c>fault</c> events where a window opens and closes. A
/// stage_stall holds the drive's assistant (or fusion) as a hung host stage would (<see cref="AssistantDrive.Stalls"/>).
/// With a bus, every frame the faults leave is also sent to it at real time.
/// </summary>
internal sealed class InProcessHilRun(HilScenario scenario, TextWriter stderr, ICanBus? bus)
{
    private const double ContextEveryS = 30;
    private readonly List<HilEvent> _events = [];
    private readonly List<string> _notes = [];
    private readonly Stopwatch _wall = Stopwatch.StartNew();
    private long _busUnsent;

    public async Task<HilScenarioResult> RunAsync(CancellationToken cancellation)
    {
        var s = scenario.Scenario;
        var map = SignalMapInput.Load(s.SignalMap, s.Dbc, stderr);
        var zone = TimeZones.Parse(s.TimeZone) ?? TimeZoneInfo.Utc;
        var pipeline = ScenarioPipeline.Load(s, s.CanLog, map, zone, stderr);
        long startNs = pipeline.StartNs;
        var fixes = GpsLoss.Apply(pipeline.Fixes, scenario, startNs, out long gpsRead, out long gpsRemoved);
        using var clip = scenario.CabinVideo ? pipeline.OpenCamera(stderr) : null;
        var unplugs = scenario.Faults.Where(f => f.Kind == HilFaultKind.CameraUnplug).ToList();
        var camera = clip is null ? null : new FaultedCabinCamera(clip, unplugs, startNs);
        if (unplugs.Count > 0 && camera is null) throw scenario.Error(unplugs[0].Line, "camera_unplug: expected a cabin camera (inputs.cabin_video and hil.cabin_video not false)");
        TryBrokenModel(startNs);
        var drive = pipeline.NewDrive(new UserProfile(), camera, stopAfterS: null, fixes: fixes);
        drive.Stalls = [.. scenario.Faults.Where(f => f.Kind == HilFaultKind.StageStall).Select(f => new DriveStall(f.Message!, f.FromS, f.ToS))];
        using var reader = new FaultedCanReader(CanLogFiles.OpenReader(s.CanLog), scenario, map);

        var marks = new RunMarks(scenario, ContextEveryS);
        var pacer = bus is null ? null : new ReplayPacer(TimeProvider.System, 1);
        await drive.RunAsync(reader,
            (frameNs, ct) =>
            {
                // Before the frame is applied: the context as it stood at each mark up to now (also through a bus-off,
                // when no frame comes), and where fault windows open and close.
                while (marks.TryNext((frameNs - startNs) / 1e9, out var mark))
                {
                    long markNs = startNs + (long)Math.Round(mark.AtS * 1e9);
                    if (mark.Fault is { } f) AddFault(markNs, mark.AtS, f, mark.Opens ? "begins: " + f.Describe() : "ends");
                    else Add(ContextJson.EventLine(drive.Context.Snapshot(markNs), Math.Round(mark.AtS, 3)));
                }
                return pacer?.WaitAsync(frameNs, ct) ?? ValueTask.CompletedTask;
            },
            e => Add(TimelineJson.Line(e)),
            () =>
            {
                if (bus is not null && !bus.TrySend(in drive.LastFrame)) _busUnsent++;
            },
            cancellation);
        Add(ContextJson.EventLine(drive.Context.Snapshot(), Math.Round(drive.Seconds, 3)));

        foreach (var (fault, frames) in reader.PerFault) _notes.Add($"fault {fault.Describe()}: {frames} frames {(fault.Kind is HilFaultKind.BusOff or HilFaultKind.Dropout ? "removed" : "altered")}");
        if (drive.SkippedTicks > 0) _notes.Add($"fault stage_stall: {drive.SkippedTicks} assistant ticks skipped while a stage was stalled");
        if (gpsRemoved > 0) _notes.Add($"fault gps_loss: {gpsRemoved} of {gpsRead} GPS fixes removed");
        if (camera is not null && unplugs.Count > 0) _notes.Add($"fault camera_unplug: {camera.Unplugged} camera frames lost, {camera.Frames} processed");
        if (bus is not null) _notes.Add($"bus {bus.Name}: {reader.Read - reader.Removed - _busUnsent} frames sent at real time, {_busUnsent} refused by a full transmit queue");
        _notes.Add($"E2E: {drive.Context.E2EFailures} frames refused by their end-to-end check");
        var counts = new HilFrameCounts
        {
            CanRead = reader.Read, CanRemoved = reader.Removed, CanApplied = drive.Context.Frames,
            GpsRead = gpsRead, GpsRemoved = gpsRemoved,
            CameraProcessed = camera?.Frames ?? 0, CameraRemoved = camera?.Unplugged ?? 0,
        };
        return HilScenarioResult.Judge(scenario, new HilObservation(_events, counts, HasWallTimes: true), _notes, _wall.Elapsed.TotalSeconds);
    }

    /// <summary>model_load_failure: the language model's folder is broken; the load fails and templates word and
    /// answer, which the report and a fault event say.</summary>
    private void TryBrokenModel(long startNs)
    {
        var fault = scenario.Faults.FirstOrDefault(f => f.Kind == HilFaultKind.ModelLoadFailure);
        if (fault is null) return;
        string folder = Directory.CreateTempSubdirectory("edgeai-hil-model-").FullName;
        try
        {
            // A folder that looks like a GenAI export but whose files are cut short, as after a failed copy.
            File.WriteAllText(Path.Combine(folder, "genai_config.json"), "{\"model\": {\"type\": \"qwen3\", \"decoder\": {");
            File.WriteAllBytes(Path.Combine(folder, "model.onnx"), [0x08, 0x07, 0x12]);
            using var model = LlmModel.Open(folder, new EdgeAI.Inference.Configuration.InferenceOptions());
            _notes.Add($"fault model_load_failure: the broken model in {folder} loaded, which it must not");
        }
        catch (Exception e) when (e is InvalidDataException or FileNotFoundException or DirectoryNotFoundException or FormatException
            or EdgeAI.Inference.Providers.NoExecutionProviderException or EdgeAI.Inference.Native.OrtUnavailableException)
        {
            string line = $"the language model failed to load ({e.Message.ReplaceLineEndings(" ")}); templates word the suggestions and answer";
            _notes.Add("fault model_load_failure: " + line);
            AddFault(startNs, 0, fault, line);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private void AddFault(long timeNs, double atS, HilFault fault, string text) => Add(EventEnvelope.Line(json =>
    {
        EventEnvelope.Start(json, timeNs, "fault", fault.Name);
        json.WriteNumber("at_s", Math.Round(atS, 3));
        json.WriteString("text", text);
    }));

    private void Add(string line)
    {
        if (!HilEvent.TryParse(line, _wall.Elapsed.TotalMilliseconds, out var e, out var problem))
            throw new InvalidOperationException($"the pipeline wrote an event HIL cannot read ({problem}): {line}");
        _events.Add(e!);
    }
}
