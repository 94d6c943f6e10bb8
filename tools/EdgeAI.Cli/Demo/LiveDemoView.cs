using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace EdgeAI.Cli.Demo;

/// <summary>A live-updating table of the vehicle signals, bus statistics and the latest events, for terminals.</summary>
internal sealed class LiveDemoView : IDemoView
{
    private const int EventsShown = 10;
    private readonly IAnsiConsole _console = AnsiConsole.Console;
    private LiveDisplayContext? _context;
    private readonly Layout _layout = new Layout("root").SplitColumns(new Layout("signals").Ratio(3), new Layout("events").Ratio(2));
    private Thread? _renderThread;
    private readonly ManualResetEventSlim _started = new();
    private readonly ManualResetEventSlim _done = new();
    private long _lastRenderTicks;
    private string _title = "";

    public void Start(string title)
    {
        _title = title;
        _layout["signals"].Update(new Text("starting..."));
        _layout["events"].Update(new Text(""));
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
    }

    private void Render(DriveDashboard dashboard)
    {
        var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape(_title)).AddColumn("signal").AddColumn("value");
        foreach (var (name, value) in dashboard.Rows()) table.AddRow(Markup.Escape(name), Markup.Escape(value));
        var events = dashboard.Events;
        var lines = new List<IRenderable>();
        for (int i = Math.Max(0, events.Count - EventsShown); i < events.Count; i++)
            lines.Add(new Markup($"[grey]{events[i].Seconds.ToString("F1", CultureInfo.InvariantCulture),7} s[/]  {Markup.Escape(events[i].What)}"));
        _layout["signals"].Update(table);
        _layout["events"].Update(new Panel(new Rows(lines)).Header("events").Expand());
        _context?.Refresh();
    }
}
