using System.Globalization;
using EdgeAI.Assistant.Drive;
using EdgeAI.Assistant.Suggestions;
using EdgeAI.Fusion.Context;
using EdgeAI.Services.Routing;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace EdgeAI.Cli.Demo;

/// <summary>
/// The live view for terminals: the vehicle line and signals, the map position with the next manoeuvre, the
/// traffic-light countdown, the driver-attention gauge, the active suggestion with its reason, and a scrolling timeline.
/// </summary>
internal sealed class LiveDemoView(double fromSeconds) : IDemoView
{
    private const int TimelineShown = 14;
    private static readonly HashSet<string> VehicleRows = ["Drive time", "Phase / workload", "Speed", "Gear", "State of charge", "Range", "Battery power", "Indicators", "Driver belt", "Cabin / outside", "Trip", "Bus"];
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private readonly IAnsiConsole _console = AnsiConsole.Console;
    private readonly Layout _layout = new Layout("root").SplitColumns(
        new Layout("left").Ratio(2).SplitRows(new Layout("vehicle").Ratio(1), new Layout("trip").Ratio(1)),
        new Layout("right").Ratio(3).SplitRows(new Layout("suggestion").Ratio(2), new Layout("timeline").Ratio(3)));
    private readonly List<string> _timeline = [];
    private LiveDisplayContext? _context;
    private Thread? _renderThread;
    private readonly ManualResetEventSlim _started = new();
    private readonly ManualResetEventSlim _done = new();
    private long _lastRenderTicks;
    private string _title = "";

    public void Start(string title)
    {
        _title = title;
        foreach (var name in new[] { "vehicle", "trip", "suggestion", "timeline" }) _layout[name].Update(new Text(""));
        // Spectre's live display runs its body synchronously; a thread keeps it open while the replay loop feeds it.
        _renderThread = new Thread(() => _console.Live(_layout).AutoClear(false).Start(ctx =>
        {
            _context = ctx;
            _started.Set();
            _done.Wait();
            ctx.Refresh();
        })) { IsBackground = true };
        _renderThread.Start();
        _started.Wait();
    }

    public void OnEvent(TimelineEvent e, DriveDashboard dashboard)
    {
        if (e.AtS < fromSeconds) return;
        _timeline.AddRange(TimelineText.Lines(e));
        if (_timeline.Count > 200) _timeline.RemoveRange(0, _timeline.Count - 200);
    }

    public void Update(DriveDashboard dashboard)
    {
        if (Environment.TickCount64 - _lastRenderTicks < 100) return;
        _lastRenderTicks = Environment.TickCount64;
        Render(dashboard);
    }

    public void Finish(DriveDashboard dashboard)
    {
        Render(dashboard);
        _done.Set();
        _renderThread?.Join();
        _console.WriteLine(dashboard.Summary());
        _console.WriteLine(dashboard.AssistantSummary());
    }

    private void Render(DriveDashboard dashboard)
    {
        var vehicle = dashboard.Rows().Where(r => VehicleRows.Contains(r.Name)).Select(r => (IRenderable)new Markup($"[grey]{Markup.Escape(r.Name),-18}[/] {Markup.Escape(r.Value)}"));
        _layout["vehicle"].Update(new Panel(new Rows(vehicle)).Header(Markup.Escape(_title)).Expand());
        _layout["trip"].Update(new Panel(new Rows(TripLines(dashboard).Select(l => (IRenderable)new Markup(l)))).Header("map, light, driver").Expand());
        _layout["suggestion"].Update(new Panel(new Rows(SuggestionLines(dashboard).Select(l => (IRenderable)new Markup(l)))).Header("assistant").Expand());
        var lines = _timeline.Skip(Math.Max(0, _timeline.Count - TimelineShown)).Select(l => (IRenderable)new Text(l));
        _layout["timeline"].Update(new Panel(new Rows(lines)).Header("timeline").Expand());
        _context?.Refresh();
    }

    private static IEnumerable<string> TripLines(DriveDashboard dashboard)
    {
        var drive = dashboard.Drive;
        var m = drive.Moment;
        if (m.TryNumber(ContextKeys.Latitude, out double lat) && m.TryNumber(ContextKeys.Longitude, out double lon))
            yield return Markup.Escape(string.Create(Inv, $"position  {lat:F5}, {lon:F5}"));
        else yield return "position  [grey]no fix[/]";
        if (drive.Trip is { Plan: { } plan } trip)
        {
            yield return Markup.Escape(string.Create(Inv, $"to        {trip.DestinationName}: {trip.RemainingM / 1000:F1} km, arrive {trip.ArrivalLocal:HH:mm}"));
            if (plan.Route.NextManeuver(1) is { } next && next.Direction != TurnDirection.Straight)
            {
                var graph = trip.Services.Map.Graph;
                string street = graph.Edges[next.ToEdge].Name ?? "the next street";
                yield return Markup.Escape(string.Create(Inv, $"next      {next.Direction} in {next.DistanceFromStartM:F0} m onto {street}"));
            }
            if (trip.Charger is { } stop) yield return Markup.Escape($"stop      {stop.Name} ({(stop.Reached ? "charging" : "ahead")})");
        }
        if (m.Light is { } light)
        {
            var p = light.Prediction;
            string state = p.State.ToString();
            string green = double.IsFinite(p.TimeToGreenS) && p.TimeToGreenS > 0 ? string.Create(Inv, $", green in {p.TimeToGreenS:F0} s") : "";
            string band = light.GlosaMinKph is { } lo && light.GlosaMaxKph is { } hi ? string.Create(Inv, $", green wave {lo:F0}-{hi:F0} km/h") : "";
            yield return Markup.Escape(string.Create(Inv, $"light     {light.Ahead.Intersection.Id} in {light.Ahead.DistanceToStopLineM:F0} m: {state}{green}{band}"));
        }
        else yield return "light     [grey]none ahead[/]";
        double awareness = m.TryNumber(ContextKeys.Awareness, out double a) ? a : double.NaN;
        string level = m.Label(ContextKeys.Attention) ?? "unknown";
        int bars = double.IsNaN(awareness) ? 0 : (int)Math.Round(awareness * 20);
        string colour = level is "Attentive" ? "green" : level is "Unknown" or "PreAlert" ? "yellow" : "red";
        yield return $"driver    [{colour}]{new string('#', bars)}{new string('.', 20 - bars)}[/] {Markup.Escape(level)}";
        yield return Markup.Escape(string.Create(Inv, $"workload  {(m.TryNumber(ContextKeys.Workload, out double w) ? w : double.NaN):F2}"));
    }

    private static IEnumerable<string> SuggestionLines(DriveDashboard dashboard)
    {
        var active = dashboard.Drive.Engine.Active.ToList();
        if (active.Count == 0) { yield return "[grey]nothing to say[/]"; yield break; }
        foreach (var s in active.Take(3))
        {
            string colour = s.Priority switch { SuggestionPriority.Safety => "red", SuggestionPriority.Navigation => "yellow", _ => "white" };
            yield return $"[{colour}]{Markup.Escape(s.Kind)}[/] {Markup.Escape(s.Text)}";
            yield return $"[grey]  because {Markup.Escape(s.Reason)}[/]";
            yield return $"[grey]  {Markup.Escape(string.Join(" | ", s.Actions.Select(x => x.Label)))}[/]";
        }
    }
}
