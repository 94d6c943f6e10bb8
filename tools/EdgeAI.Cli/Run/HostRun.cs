using System.Globalization;
using System.Threading.Channels;
using EdgeAI.Assistant.Drive;
using EdgeAI.Assistant.Engine;
using EdgeAI.Can;
using EdgeAI.Can.Logs;
using EdgeAI.Cli.Commands;
using EdgeAI.Cli.Demo;
using EdgeAI.Cli.Input;
using EdgeAI.Fusion.Context;
using EdgeAI.Fusion.Scenarios;
using EdgeAI.Host.Configuration;
using EdgeAI.Host.Health;
using EdgeAI.Host.Hmi;
using EdgeAI.Cli.Hmi;
using EdgeAI.Host.Pipeline;
using EdgeAI.Host.Stages;
using EdgeAI.Host.State;
using EdgeAI.Host.Status;
using EdgeAI.Host.Systemd;
using EdgeAI.Sensors;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace EdgeAI.Cli.Run;

/// <summary>
/// <c>edgeai run</c> put together: the scenario's drive (or a live bus) through the host's stages under the Generic
/// Host: CAN in, GPS, camera and vision, fusion, assistant and outputs, connected by named bounded channels; the
/// systemd watchdog; the SQLite state; the status socket (docs/host.md).
/// </summary>
internal static class HostRun
{
    /// <summary>The last run's report (the status report at the stop) in the state folder.</summary>
    public const string ReportFile = "last-run.json";

    /// <summary>Runs until SIGTERM/SIGINT (or the end of the replay with <see cref="RunOptions.ExitAtEnd"/>); 0 on a clean
    /// stop, 1 when a stage failed.</summary>
    public static async Task<int> RunAsync(RunOptions options, TextWriter stdout, TextWriter stderr, CancellationToken cancellation)
    {
        double speed = options.ReplaySpeed();
        var stall = options.ParseStall();
        var scenario = Scenario.Load(options.Scenario ?? Assets.Require(Path.Combine(DemoCommand.BundledScenario, Scenario.FileName), "the bundled scenario"));
        var map = SignalMapInput.Load(scenario.SignalMap ?? Assets.Require(Assets.DemoSignals, "the demo signal map"), scenario.Dbc, stderr);
        var zone = TimeZones.Parse(scenario.TimeZone) ?? TimeZoneInfo.Utc;
        var pipeline = ScenarioPipeline.Load(scenario, scenario.CanLog, map, zone, stderr);
        bool replay = options.Can.Equals("replay", StringComparison.OrdinalIgnoreCase);
        if (!replay && !double.IsPositiveInfinity(speed) && speed != 1) stderr.WriteLine($"edgeai run: --speed applies to a replay; {options.Can} runs in real time");

        string stateFolder = options.StateFolder();
        using var state = HostState.Open(stateFolder);
        var notes = new List<string>();
        using var words = OpenWords(options, pipeline, scenario.Assistant?.Language ?? "en", notes, stderr);
        var reader = new SnapshotContextReader();
        var drive = pipeline.NewDrive(state.LoadProfile(), camera: null, stopAfterS: null, writer: words.Writer, answers: words.Answers, reader: reader);
        // The answers' tools read the assistant's snapshot (the reader); nothing may touch the live context but fusion.
        drive.Ticker.BeforeQuestion = null;
        if (drive.Trip is { } trip) state.StartTrip(trip.DestinationName, trip.Destination.Lat, trip.Destination.Lon);

        var time = TimeProvider.System;
        var clock = new DriveClock(time, replay ? speed : 1);
        // CAN frames and events never drop. In real time (a bus, or a replay at a finite speed) GPS, camera and snapshots
        // are latest-wins: a slow consumer sees the newest and the drops are counted. At max speed a replay is read like
        // a file, without drops, so its result is reproducible (the demo's timeline).
        var latest = double.IsPositiveInfinity(clock.Speed) ? BoundedChannelFullMode.Wait : BoundedChannelFullMode.DropOldest;
        var can = new StageChannel<CanFrame>("can", 4096, BoundedChannelFullMode.Wait);
        var gps = new StageChannel<GpsFix>("gps", 16, latest);
        var attention = new StageChannel<AttentionSample>("attention", 8, latest);
        var snapshots = new StageChannel<ContextSnapshot>("snapshots", latest == BoundedChannelFullMode.Wait ? 4 : 1, latest);
        var climate = new StageChannel<CabinClimateReading>("climate", 4, BoundedChannelFullMode.DropOldest);
        var events = new StageChannel<TimelineEvent>("events", 1024, BoundedChannelFullMode.Wait);
        var channels = new[] { ChannelInfo.Of(can), ChannelInfo.Of(gps), ChannelInfo.Of(attention), ChannelInfo.Of(climate), ChannelInfo.Of(snapshots), ChannelInfo.Of(events) };

        var deadline = TimeSpan.FromSeconds(options.StageDeadlineS);
        StageHealth Health(string name, TimeSpan? d = null) => new(name, d ?? deadline, time);
        bool underSystemd = Microsoft.Extensions.Hosting.Systemd.SystemdHelpers.IsSystemdService();
        using var logs = LoggerFactory.Create(b => Logging(b, underSystemd));
        IHostApplicationLifetime? lifetime = null;
        bool faulted = false;
        void OnFault(HostStage stage, Exception e)
        {
            faulted = true;
            lifetime?.StopApplication();
        }
        StageStall? StallOf(string name) => stall is not null && stall.Stage == name ? stall : null;

        ICanBus? bus = replay ? null : CanBusOpener.Open(options.Can, "run", time, "--can");
        using var busLease = bus;
        HostStage canIn = bus is null
            ? new CanInStage(Health("can"), logs.CreateLogger("edgeai.can"), can, clock, () => CanLogFiles.OpenReader(scenario.CanLog), options.Loops) { Stall = StallOf("can"), OnFault = OnFault }
            : new CanInStage(Health("can"), logs.CreateLogger("edgeai.can"), can, clock, bus) { Stall = StallOf("can"), OnFault = OnFault };
        var gpsStage = OpenGps(options.Gps) is { } live
            ? new GpsStage(Health("gps"), logs.CreateLogger("edgeai.gps"), live, gps, clock) { Stall = StallOf("gps"), OnFault = OnFault }
            : new GpsStage(Health("gps"), logs.CreateLogger("edgeai.gps"), options.Gps.Equals("none", StringComparison.OrdinalIgnoreCase) ? [] : pipeline.Fixes, gps, clock)
                { Stall = StallOf("gps"), OnFault = OnFault };
        CameraStage? camera = null;
        float? Speed() => reader.Snapshot?[ContextKeys.Speed] is { Reading.IsValid: true } s ? (float)s.Reading.Value : null;
        bool scenarioCamera = options.Camera.Equals("scenario", StringComparison.OrdinalIgnoreCase);
        bool noCamera = !options.Vision || options.Camera.Equals("none", StringComparison.OrdinalIgnoreCase);
        if (noCamera) notes.Add("camera: vision off; attention unknown");
        else if (!scenarioCamera)
        {
            // A live camera: its frames are stamped with the drive's now when it opens (again after a loss).
            string spec = options.Camera;
            camera = new CameraStage(Health("camera"), logs.CreateLogger("edgeai.camera"),
                () => ScenarioPipeline.OpenLiveCamera(spec, clock.NowNs), attention, clock, Speed)
            { Stall = StallOf("camera"), OnFault = OnFault, OpenWhenDriveStarts = true };
        }
        else if (scenario.CabinVideo is not null && pipeline.OpenCamera(stderr) is { } first)
        {
            bool used = false;
            camera = new CameraStage(Health("camera"), logs.CreateLogger("edgeai.camera"),
                () =>
                {
                    if (!used) { used = true; return first; }
                    return pipeline.OpenCamera(TextWriter.Null, report: false) ?? throw new IOException("the cabin clip cannot be opened");
                },
                attention, clock, Speed)
            { Stall = StallOf("camera"), OnFault = OnFault };
        }
        else notes.Add("camera: no cabin camera in this scenario; attention unknown");
        using var voiceParts = HostVoice.Create(options, scenario, pipeline, reader, drive, notes);
        var voice = voiceParts is null ? null
            : new VoiceStage(Health("voice"), logs.CreateLogger("edgeai.voice"), voiceParts.Open, voiceParts.Dialog, events, clock,
                () => canIn.Health.State is StageState.Ended or StageState.Stopped or StageState.Faulted) { Stall = StallOf("voice"), OnFault = OnFault };
        using var climateSensor = HostSensors.OpenClimate(options, notes);
        using var buttons = HostSensors.OpenButtons(options, notes);
        using var led = HostSensors.OpenLed(options, notes);
        var sensors = climateSensor is null && buttons is null && led is null ? null
            : new SensorsStage(Health("sensors"), logs.CreateLogger("edgeai.sensors"), climateSensor, buttons, climate, clock)
            {
                Stall = StallOf("sensors"), OnFault = OnFault, Led = led,
                // talk is push-to-talk for the voice stage; accept and dismiss act on the shown suggestion.
                OnButton = press => HostSensors.Press(press, drive.Ticker, voice is null ? null : voice.Press, voice is null ? null : voice.Release),
            };
        var fusion = new FusionStage(Health("fusion"), logs.CreateLogger("edgeai.fusion"), drive.Context, clock, can, gps, attention, snapshots, events,
            TimeSpan.FromSeconds(options.TickS)) { Stall = StallOf("fusion"), OnFault = OnFault, GpsMark = gpsStage.Watermark, CameraMark = scenarioCamera ? camera?.Watermark : null, Climate = climateSensor is null ? null : climate, ContextEveryS = options.ContextEveryS };
        var assistant = new AssistantStage(Health("assistant", TimeSpan.FromSeconds(options.AssistantDeadlineS)), logs.CreateLogger("edgeai.assistant"),
            drive.Ticker, reader, snapshots, events, clock) { Stall = StallOf("assistant"), OnFault = OnFault };

        using var eventsFile = OpenEventsFile(options.Events);
        var sink = eventsFile ?? (options.Events == "-" ? stdout : TextWriter.Null);
        // --serve: the HMI streams the very lines the outputs write (docs/hmi.md).
        var hub = options.Serve is null ? null : new EventHub(logs.CreateLogger("edgeai.hmi"));
        if (hub is not null) sink = new HmiEventWriter(sink, hub);
        var stages = new List<HostStage> { canIn, gpsStage };
        if (camera is not null) stages.Add(camera);
        if (voice is not null) stages.Add(voice);
        if (sensors is not null) stages.Add(sensors);
        stages.Add(fusion);
        stages.Add(assistant);
        var healths = stages.Select(s => s.Health).ToList();
        var outputsHealth = Health("outputs");
        healths.Add(outputsHealth);
        if (sensors is not null) sensors.LedBlink = () => HostSensors.LedBlink(healths, drive.Ticker);
        using var metrics = new HostMetrics(healths, channels);
        using var otlp = options.Otlp is { } endpoint ? EdgeAI.Host.Telemetry.OtlpExport.Start(endpoint, TimeSpan.FromSeconds(options.OtlpEveryS)) : null;
        var outputs = new OutputStage(outputsHealth, logs.CreateLogger("edgeai.outputs"), events, sink, state, () => drive.Trip, clock, metrics)
            { Stall = StallOf("outputs"), OnFault = OnFault };
        stages.Add(outputs);
        if (stall is not null && stages.All(s => s.Health.Name != stall.Stage))
            throw new UsageException($"--stall {options.Stall}: no stage '{stall.Stage}' (stages: {string.Join(", ", stages.Select(s => s.Health.Name))})");

        var health = new PipelineHealth(healths, channels, time)
        {
            Drive = () => string.Create(CultureInfo.InvariantCulture,
                $"drive {(fusion.LatestNs == long.MinValue || clock.StartNs == long.MinValue ? 0 : (fusion.LatestNs - clock.StartNs) / 1e9):0} s, {outputs.Written} events, {outputs.Suggestions} suggestions"),
        };
        health.Notes.AddRange(notes);
        health.Latency = metrics.Latency;
        using var notifier = SystemdNotifier.FromEnvironment(time);

        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ApplicationName = "edgeai" });
        builder.Logging.ClearProviders();
        Logging(builder.Logging, underSystemd);
        builder.Services.Configure<HostOptions>(h =>
        {
            h.ShutdownTimeout = TimeSpan.FromSeconds(options.ShutdownS);
            h.BackgroundServiceExceptionBehavior = BackgroundServiceExceptionBehavior.Ignore;
        });
        builder.Services.Configure<ConsoleLifetimeOptions>(c => c.SuppressStatusMessages = true);
        // Stopped in reverse order: the outputs go last, so they drain what the others produced.
        builder.Services.AddSingleton<IHostedService>(outputs);
        foreach (var stage in stages.Where(s => s != outputs).Reverse()) builder.Services.AddSingleton<IHostedService>(stage);
        builder.Services.AddSingleton<IHostedService>(new HostWatchdog(notifier, health, time, logs.CreateLogger<HostWatchdog>()));
        string socket = Path.Combine(stateFolder, StatusServer.FileName);
        builder.Services.AddSingleton<IHostedService>(new StatusServer(socket, health, logs.CreateLogger<StatusServer>()));

        using var host = builder.Build();
        lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
        var startLog = logs.CreateLogger("edgeai.run");
        startLog.LogInformation("running {Scenario} ({Input}) at {Speed}; state {State}; status socket {Socket}",
            scenario.Name, replay ? "replay" : options.Can, double.IsPositiveInfinity(speed) ? "max speed" : $"{speed.ToString(CultureInfo.InvariantCulture)}x", state.Path, socket);
        foreach (var note in notes) startLog.LogWarning("{Note}", note);
        await using var hmi = hub is null ? null : await HostServe.StartAsync(options, stateFolder, pipeline, drive, reader, health, hub, words, stderr, cancellation);
        await host.StartAsync(cancellation);
        using var end = options.ExitAtEnd ? StopAtEnd([canIn, .. voice is not null && voiceParts!.IsScripted ? [voice] : Array.Empty<HostStage>()], channels, lifetime, time) : null;
        await host.WaitForShutdownAsync(cancellation);
        // The last report, as edgeai status gave it, for whoever looks after the run (edgeai bench host reads it).
        string report = Path.Combine(stateFolder, ReportFile);
        File.WriteAllText(report + ".tmp", health.Json() + "\n");
        File.Move(report + ".tmp", report, overwrite: true);
        stderr.WriteLine($"edgeai run: stopped: {health.Summary()}; state in {state.Path}");
        return faulted ? ExitCodes.Failed : ExitCodes.Ok;
    }

    /// <summary>Stops the host once the replay (and the scripted speech) has ended and every queue has stayed empty for half
    /// a second.</summary>
    private static CancellationTokenSource StopAtEnd(IReadOnlyList<HostStage> inputs, ChannelInfo[] channels, IHostApplicationLifetime lifetime, TimeProvider time)
    {
        var stop = CancellationTokenSource.CreateLinkedTokenSource(lifetime.ApplicationStopping);
        _ = Task.Run(async () =>
        {
            int quiet = 0;
            while (!stop.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), time, stop.Token).ConfigureAwait(false);
                // GPS fixes and camera frames past the log's end belong to no drive moment: only the drive's own queues count.
                bool idle = inputs.All(s => s.Health.State == StageState.Ended) && channels.Where(c => c.Name is "can" or "snapshots" or "events").All(c => c.Count() == 0);
                quiet = idle ? quiet + 1 : 0;
                if (quiet >= 5) { lifetime.StopApplication(); return; }
            }
        }, CancellationToken.None);
        return stop;
    }

    /// <summary>Opens a live GPS receiver for <c>Run:Gps</c>, or null for the scenario's fixes (or none).</summary>
    /// <exception cref="UsageException">not scenario, none, gpsd[:HOST[:PORT]] or nmea:DEVICE[:BAUD].</exception>
    private static Func<IGpsSource>? OpenGps(string gps)
    {
        if (gps.Equals("scenario", StringComparison.OrdinalIgnoreCase) || gps.Equals("none", StringComparison.OrdinalIgnoreCase)) return null;
        var parts = gps.Split(':');
        if (parts[0] == "gpsd" && parts.Length <= 3)
        {
            string host = parts.Length > 1 && parts[1].Length > 0 ? parts[1] : "127.0.0.1";
            int port = 2947;
            if (parts.Length == 3 && !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out port))
                throw new UsageException($"--gps {gps}: expected gpsd:HOST:PORT with a port number");
            return () => new EdgeAI.Drivers.Sensors.Gpsd.GpsdClient(host, port);
        }
        if (parts[0] == "nmea" && parts.Length is 2 or 3 && parts[1].Length > 0)
        {
            int baud = 9600;
            if (parts.Length == 3 && !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out baud))
                throw new UsageException($"--gps {gps}: expected nmea:DEVICE:BAUD with a baud rate");
            return () => new EdgeAI.Drivers.Sensors.Nmea.NmeaSerialGpsSource(parts[1], baud);
        }
        throw new UsageException($"--gps {gps}: expected 'scenario', 'none', 'gpsd[:HOST[:PORT]]' or 'nmea:DEVICE[:BAUD]'");
    }

    private static DemoWords OpenWords(RunOptions options, ScenarioPipeline pipeline, string language, List<string> notes, TextWriter stderr)
    {
        try
        {
            return DemoWords.Open(options.Templates, options.Model, pipeline, language);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A service must come up: templates word and answer, and the status line says why.
            notes.Add($"templates: the model failed to load ({e.Message.ReplaceLineEndings(" ")})");
            return DemoWords.Open(templates: true, null, pipeline, language);
        }
    }

    /// <summary>The events file to append to, or null for <c>-</c> (stdout) and <c>none</c>.</summary>
    private static StreamWriter? OpenEventsFile(string events)
    {
        if (events == "-" || events.Equals("none", StringComparison.OrdinalIgnoreCase)) return null;
        string? folder = Path.GetDirectoryName(Path.GetFullPath(events));
        if (folder is not null) Directory.CreateDirectory(folder);
        return new StreamWriter(events, append: true, new System.Text.UTF8Encoding(false));
    }

    private static void Logging(ILoggingBuilder logging, bool underSystemd)
    {
        // journald reads <N> priority prefixes; a terminal gets one plain line per message. Both on stderr: stdout carries events.
        if (underSystemd) logging.AddSystemdConsole(o => o.TimestampFormat = null);
        else logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; });
        logging.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        logging.SetMinimumLevel(LogLevel.Information);
        logging.AddFilter("Microsoft", LogLevel.Warning);
    }
}
