using System.Text.Json;
using EdgeAI.Events;
using EdgeAI.Fusion.Context;

namespace EdgeAI.Cli.Demo;

/// <summary>
/// <c>demo --json</c>: one v1 event per line (docs/events.md): each driver event as <c>"type":"drive"</c>, the context
/// every N seconds of drive as <c>"type":"context"</c>, and the totals as <c>"type":"summary"</c>.
/// </summary>
internal sealed class JsonDemoView(TextWriter output, double statusEverySeconds) : IDemoView
{
    private readonly double _every = statusEverySeconds;
    private double _nextStatus = statusEverySeconds;
    private int _printedEvents;

    public void Start(string title)
    {
    }

    public void Update(DriveDashboard dashboard)
    {
        var events = dashboard.Events;
        for (; _printedEvents < events.Count; _printedEvents++)
        {
            var e = events[_printedEvents];
            Write(json =>
            {
                EventEnvelope.Start(json, e.TimeNs, "drive", e.Kind);
                json.WriteNumber("at_s", Math.Round(e.Seconds, 3));
                json.WriteString("text", e.What);
            });
        }
        if (dashboard.Seconds >= _nextStatus)
        {
            WriteContext(dashboard);
            _nextStatus += _every;
        }
    }

    public void Finish(DriveDashboard dashboard)
    {
        Update(dashboard);
        WriteContext(dashboard);
        Write(json =>
        {
            EventEnvelope.Start(json, dashboard.Context.LatestNs, "summary");
            json.WriteNumber("at_s", Math.Round(dashboard.Seconds, 3));
            json.WriteString("text", dashboard.Summary());
        });
    }

    private void WriteContext(DriveDashboard dashboard) =>
        output.WriteLine(ContextJson.EventLine(dashboard.Context.Snapshot(), dashboard.Seconds));

    private void Write(Action<Utf8JsonWriter> body) => output.WriteLine(EventEnvelope.Line(body));
}
