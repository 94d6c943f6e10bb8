using System.Globalization;

namespace EdgeAI.Cli.Demo;

/// <summary>Plain lines for redirected output and the golden test: events as they happen, a status line every N seconds of drive.</summary>
internal sealed class PlainDemoView : IDemoView
{
    private readonly TextWriter _output;
    private readonly double _statusEverySeconds;
    private double _nextStatus;
    private int _printedEvents;

    public PlainDemoView(TextWriter output, double statusEverySeconds)
    {
        _output = output;
        _statusEverySeconds = statusEverySeconds;
        _nextStatus = statusEverySeconds;
    }

    public void Start(string title) => _output.WriteLine(title);

    public void Update(DriveDashboard dashboard)
    {
        var events = dashboard.Events;
        for (; _printedEvents < events.Count; _printedEvents++)
            _output.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,7:F1} s   {1}", events[_printedEvents].Seconds, events[_printedEvents].What));
        if (dashboard.Seconds >= _nextStatus)
        {
            _output.WriteLine(dashboard.StatusLine());
            _nextStatus += _statusEverySeconds;
        }
    }

    public void Finish(DriveDashboard dashboard)
    {
        Update(dashboard);
        _output.WriteLine(dashboard.StatusLine());
        _output.WriteLine(dashboard.Summary());
    }
}
