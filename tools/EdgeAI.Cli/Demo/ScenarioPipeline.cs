using EdgeAI.Assistant.Drive;
using EdgeAI.Assistant.Engine;
using EdgeAI.Assistant.Profile;
using EdgeAI.Assistant.Triggers;
using EdgeAI.Assistant.Trip;
using EdgeAI.Assistant.Words;
using EdgeAI.Can.Logs;
using EdgeAI.Cli.Commands;
using EdgeAI.Cli.Input;
using EdgeAI.Fusion.Context;
using EdgeAI.Fusion.Scenarios;
using EdgeAI.Llm.Fallback;
using EdgeAI.Llm.Tools;
using EdgeAI.Sensors;
using EdgeAI.Services;
using EdgeAI.Services.Geo;
using EdgeAI.Services.Map;
using EdgeAI.Services.TrafficLights;
using EdgeAI.Vision.Faces;
using EdgeAI.Vision.Monitoring;
using EdgeAI.Vision.Pipeline;
using SignalMap = EdgeAI.Fusion.Mapping.SignalMap;

namespace EdgeAI.Cli.Demo;

/// <summary>
/// A scenario's drive assembled the way <c>edgeai demo</c> replays it. What does not change between drives is read once
/// (the log's first frame, the region's services, the templates, the SPaT/MAP feed, the GPS fixes, the destination);
/// <see cref="NewDrive"/> builds a fresh drive over it (context, engine, trip, light watcher, answerer), so that
/// <c>edgeai bench assistant</c> measures the very pipeline the demo shows. A bare log (no scenario) has no services,
/// no camera and no occupant.
/// </summary>
internal sealed class ScenarioPipeline
{
    private readonly (GeoPoint Point, string Name)? _destination;

    private ScenarioPipeline(Scenario? scenario, string log, SignalMap map, TimeZoneInfo zone, RegionServices? services, TemplateBook book,
        long startNs, SpatFeed? spat, IReadOnlyList<GpsFix> fixes, (GeoPoint, string)? destination)
    {
        Scenario = scenario;
        Log = log;
        Map = map;
        Zone = zone;
        Services = services;
        Writer = new TemplateWriter(book);
        StartNs = startNs;
        Spat = spat;
        Fixes = fixes;
        _destination = destination;
    }

    /// <summary>The scenario, or null for a bare log.</summary>
    public Scenario? Scenario { get; }

    /// <summary>The CAN log.</summary>
    public string Log { get; }

    /// <summary>The vehicle's signal map.</summary>
    public SignalMap Map { get; }

    /// <summary>The time zone of local times.</summary>
    public TimeZoneInfo Zone { get; }

    /// <summary>The region's services, or null without a services section.</summary>
    public RegionServices? Services { get; }

    /// <summary>The suggestions' words (templates in the scenario's language).</summary>
    public TemplateWriter Writer { get; }

    /// <summary>The log's first frame: the drive's clock starts there, and so does the cabin clip.</summary>
    public long StartNs { get; }

    /// <summary>The SPaT/MAP feed, or null.</summary>
    public SpatFeed? Spat { get; }

    /// <summary>The GPS fixes, in time order.</summary>
    public IReadOnlyList<GpsFix> Fixes { get; }

    /// <summary>Reads what the drives of <paramref name="scenario"/> (or of the bare <paramref name="log"/>) share.</summary>
    /// <exception cref="UsageException">the scenario names a region, SPaT feed or destination edgeai cannot use.</exception>
    public static ScenarioPipeline Load(Scenario? scenario, string log, SignalMap map, TimeZoneInfo zone, TextWriter stderr)
    {
        var services = scenario?.Services is { } section ? LlmInput.RegionServicesOf(scenario, section) : null;
        var book = TemplateBook.Load(Path.Combine(Assets.Models, "prompts"), scenario?.Assistant?.Language ?? "en");
        long startNs = FirstFrameNs(log);
        SpatFeed? spat = scenario is null ? null : ScenarioSpatInput.Read(scenario);
        var destination = services is not null ? DestinationOf(scenario!, services) : null;
        IReadOnlyList<GpsFix> fixes = scenario?.Gps is { } gps ? ContextCommand.ReadGps(gps, stderr) : [];
        return new ScenarioPipeline(scenario, log, map, zone, services, book, startNs, spat, fixes, destination);
    }

    /// <summary>
    /// A fresh drive from the log's start: a new context, engine (the default triggers, <paramref name="profile"/>),
    /// trip, light watcher and answerer; <paramref name="camera"/> is the cabin camera or null; <paramref name="triggers"/>
    /// replaces the default triggers (a fresh set: triggers keep per-trip state).
    /// </summary>
    /// <param name="profile">The user profile.</param>
    /// <param name="camera">The cabin camera, or null.</param>
    /// <param name="stopAfterS">Seconds of drive after which to stop, or null.</param>
    /// <param name="triggers">Triggers instead of the default set.</param>
    /// <param name="writer">Who words the suggestions (default: <see cref="Writer"/>, the templates).</param>
    /// <param name="answers">Opens the chat session that answers questions over the given tools (default: the template
    /// responder); returns the session and whether a model answers.</param>
    /// <param name="reader">Where the assistant reads the context (default: the live context, in lock step; the host's
    /// assistant stage reads published snapshots).</param>
    /// <param name="fixes">GPS fixes instead of <see cref="Fixes"/> (HIL's gps_loss removes some).</param>
    public AssistantDrive NewDrive(UserProfile profile, ICabinCamera? camera, double? stopAfterS, IReadOnlyList<ITrigger>? triggers = null,
        ISuggestionWriter? writer = null, Func<ToolRegistry, (EdgeAI.Llm.Chat.IChatSession Session, bool IsModel)>? answers = null,
        IContextReader? reader = null, IReadOnlyList<GpsFix>? fixes = null)
    {
        var context = new VehicleContext(Map, Zone);
        var engine = new AssistantEngine(triggers ?? DefaultTriggers.Create(), writer ?? Writer, profile);
        var publisher = new SnapshotPublisher(context, TimeSpan.FromMilliseconds(100));
        var section = Scenario?.Services;
        var drive = new AssistantDrive(context, engine, Zone, reader)
        {
            Trip = _destination is { } d
                ? new TripState(Services!, d.Point, d.Name, section!.ReservePercent ?? 15, TimeSpan.FromMinutes(section.StayMinutes ?? 60))
                : null,
            Lights = Spat is not null ? new LightWatcher(Spat) : null,
            Fixes = fixes ?? Fixes,
            Camera = camera,
            Occupant = Scenario?.Assistant?.Occupant ?? [],
            ToolView = publisher,
            StopAfterS = stopAfterS,
        };
        // The answers' tools read the live context and the light ahead as the drive sees them.
        // (In the host they read the snapshot the assistant is on: the reader is also a view.)
        var registry = new ToolRegistry(Tools(reader as IContextView ?? publisher, Services, () => drive.Moment.Light));
        var (session, isModel) = answers is not null ? answers(registry) : (new TemplateResponder(registry), false);
        drive.Answerer = new ChatAnswerer(session, isModel);
        return drive;
    }

    /// <summary>The read-only tools answers use over <paramref name="view"/> (default: <paramref name="drive"/>'s published
    /// context; the host passes the assistant's snapshot), with the light the drive sees: the HMI's chat session and the
    /// host's voice stage ask with these.</summary>
    public ToolRegistry ToolsFor(AssistantDrive drive, IContextView? view = null)
    {
        ArgumentNullException.ThrowIfNull(drive);
        return new ToolRegistry(Tools(view ?? drive.ToolView ?? throw new InvalidOperationException("the drive publishes no context view"), Services, () => drive.Moment.Light));
    }

    /// <summary>The scenario's cabin clip through BlazeFace and the driver monitor, from the log's start; null without a
    /// clip, or (said in one line) where video files cannot be decoded: OpenCvSharp has no linux-arm64 runtime.</summary>
    public VisionCabinCamera? OpenCamera(TextWriter stderr) => OpenCamera(stderr, report: true);

    /// <summary>As <see cref="OpenCamera(TextWriter)"/>; <paramref name="report"/> says which provider the face model runs on.</summary>
    public VisionCabinCamera? OpenCamera(TextWriter stderr, bool report)
    {
        if (Scenario?.CabinVideo is not { } clip) return null;
        EdgeAI.Vision.IVideoSource video;
        try
        {
            video = EdgeAI.Drivers.Camera.VideoSources.OpenFile(clip);
        }
        catch (Exception e) when (e is TypeInitializationException or DllNotFoundException)
        {
            stderr.WriteLine($"edgeai: the cabin clip cannot be decoded here (OpenCvSharpExtern: {(e.InnerException ?? e).Message.ReplaceLineEndings(" ")}); the drive runs without the driver monitor, as with --no-vision");
            return null;
        }
        return Monitor(video, StartNs, report ? stderr : null);
    }

    /// <summary>A live cabin camera (<c>/dev/videoN</c> or <c>gst:PIPELINE</c>) through BlazeFace and the driver monitor,
    /// its frames on the drive's clock from <paramref name="startNs"/> (the drive's now when it is opened).</summary>
    /// <exception cref="FileNotFoundException">the camera does not exist.</exception>
    /// <exception cref="InvalidDataException">it cannot be read as video.</exception>
    public static VisionCabinCamera OpenLiveCamera(string spec, long startNs) =>
        Monitor(EdgeAI.Drivers.Camera.VideoSources.Open(spec), startNs, null);

    private static VisionCabinCamera Monitor(EdgeAI.Vision.IVideoSource video, long startNs, TextWriter? report)
    {
        OnnxFaceModel model;
        try
        {
            model = new OnnxFaceModel(InferenceInput.ModelPath(null, "blazeface-front"), BlazeFaceModel.Front, new EdgeAI.Inference.Configuration.InferenceOptions());
        }
        catch
        {
            video.Dispose();
            throw;
        }
        if (report is not null) InferenceInput.Report(model.Provider, report);
        var pipeline = new VisionPipeline(model, new DriverMonitor(DriverMonitorProfile.Default), new VisionMetrics());
        return new VisionCabinCamera(video, pipeline, startNs, model) { Provider = model.Provider.Name };
    }

    /// <summary>The vehicle and service tools the answers use (read-only), over the live context.</summary>
    private static List<IChatTool> Tools(IContextView view, RegionServices? services, Func<TrafficLightAdvice?> light)
    {
        var tools = VehicleTools.Create(view).ToList();
        if (services is not null) tools.AddRange(ServiceTools.Create(view, services, light));
        return tools;
    }

    private static (GeoPoint, string)? DestinationOf(Scenario scenario, RegionServices services)
    {
        var section = scenario.Services!;
        if (section.Destination is not { } destination) return null;
        string file = Path.Combine(scenario.Folder, Scenario.FileName);
        if (!PlaceLookup.TryResolve(destination, services.Map.Pois, out GeoPoint point, out var poi, out var error))
            throw new UsageException($"{file}: services.trip.destination: {error}");
        return (point, section.DestinationName ?? poi?.Name ?? destination);
    }

    private static long FirstFrameNs(string log)
    {
        using var reader = CanLogFiles.OpenReader(log);
        return reader.TryRead(out var first) ? first.TimestampNs : throw new InvalidDataException($"{log}: no frames (the drive's clock starts at its first frame)");
    }
}
