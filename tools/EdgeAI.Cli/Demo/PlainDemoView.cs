using EdgeAI.Assistant.Drive;

namespace EdgeAI.Cli.Demo;

/// <summary>Plain lines for redirected output and the golden test: the timeline as it happens, a status line every N
/// seconds of drive.</summary>
internal sealed class PlainDemoView(TextWriter output, double statusEverySeconds, double fromSeconds) : IDemoView
{
    private double _nextStatus = Math.Max(statusEverySeconds, Math.Ceiling(fromSeconds / statusEverySeconds) * statusEverySeconds);

    public void Start(string title) => output.WriteLine(title);

    public void OnEvent(TimelineEvent e, DriveDashboard dashboard)
    {
        if (e.AtS < fromSeconds) return;
        foreach (var line in TimelineText.Lines(e)) output.WriteLine(line);
    }

    public void Update(DriveDashboard dashboard)
    {
        if (dashboard.Seconds < _nextStatus) return;
        output.WriteLine(dashboard.StatusLine());
        _nextStatus += statusEverySeconds;
    }

    public void Finish(DriveDashboard dashboard)
    {
        output.WriteLine(dashboard.StatusLine());
        output.WriteLine(dashboard.Summary());
        output.WriteLine(dashboard.AssistantSummary());
    }
}
