using System.Text.Json;
using EdgeAI.Assistant.Drive;
using EdgeAI.Events;
using EdgeAI.Fusion.Context;

namespace EdgeAI.Cli.Demo;

/// <summary>
/// <c>demo --json</c>: one v1 event per line (docs/events.md): the timeline (vehicle events as <c>"type":"drive"</c>,
/// suggestions and what happened to them, questions and answers), the context every N seconds of drive as
/// <c>"type":"context"</c>, and the totals as <c>"type":"summary"</c>.
/// </summary>
internal sealed class JsonDemoView(TextWriter output, double statusEverySeconds, double fromSeconds) : IDemoView
{
    private double _nextStatus = Math.Max(statusEverySeconds, Math.Ceiling(fromSeconds / statusEverySeconds) * statusEverySeconds);

    public void Start(string title)
    {
    }

    public void OnEvent(TimelineEvent e, DriveDashboard dashboard)
    {
        if (e.AtS >= fromSeconds) output.WriteLine(TimelineJson.Line(e));
    }

    public void Update(DriveDashboard dashboard)
    {
        if (dashboard.Seconds < _nextStatus) return;
        WriteContext(dashboard);
        _nextStatus += statusEverySeconds;
    }

    public void Finish(DriveDashboard dashboard)
    {
        WriteContext(dashboard);
        Write(json =>
        {
            EventEnvelope.Start(json, dashboard.Context.LatestNs, "summary");
            json.WriteNumber("at_s", Math.Round(dashboard.Seconds, 3));
            json.WriteString("text", dashboard.Summary() + "; " + dashboard.AssistantSummary());
        });
    }

    private void WriteContext(DriveDashboard dashboard) =>
        output.WriteLine(ContextJson.EventLine(dashboard.Context.Snapshot(), Math.Round(dashboard.Seconds, 3)));

    private void Write(Action<Utf8JsonWriter> body) => output.WriteLine(EventEnvelope.Line(body));
}
