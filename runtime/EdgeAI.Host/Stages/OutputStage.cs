using EdgeAI.Assistant.Drive;
using EdgeAI.Assistant.Trip;
using EdgeAI.Host.Pipeline;
using EdgeAI.Host.State;
using Microsoft.Extensions.Logging;

namespace EdgeAI.Host.Stages;

/// <summary>
/// Outputs: every event as a v1 JSON line (docs/events.md) to the events writer, and the state changes (decisions, the
/// accepted stop) into the persistent state, each committed before the next event. On shutdown it drains what is
/// queued, flushes and checkpoints within the host's deadline.
/// </summary>
public sealed class OutputStage : HostStage
{
    private readonly InputWait<TimelineEvent> _events;
    private readonly TextWriter _writer;
    private readonly HostState? _state;
    private readonly Func<TripState?> _trip;
    private readonly DriveClock _clock;
    private readonly HostMetrics _metrics;
    private long _suggestions;

    /// <summary>A stage writing to <paramref name="writer"/> and <paramref name="state"/> (null: no persistence).</summary>
    public OutputStage(StageHealth health, ILogger logger, StageChannel<TimelineEvent> events, TextWriter writer, HostState? state,
        Func<TripState?> trip, DriveClock clock, HostMetrics metrics)
        : base(health, logger)
    {
        _events = new InputWait<TimelineEvent>(events.Reader);
        _writer = writer ?? throw new ArgumentNullException(nameof(writer));
        _state = state;
        _trip = trip;
        _clock = clock;
        _metrics = metrics;
        Time = clock.Time;
    }

    /// <summary>Events written.</summary>
    public long Written => Health.Items;

    /// <summary>Suggestions written.</summary>
    public long Suggestions => Interlocked.Read(ref _suggestions);

    /// <summary>The last event written, or null.</summary>
    public TimelineEvent? Last { get; private set; }

    /// <inheritdoc/>
    protected override async Task RunAsync(CancellationToken stop)
    {
        try
        {
            while (await WaitForInputAsync(_events, stop) is { } input)
                if (input) Drain();
        }
        finally
        {
            // Shutdown: what is queued still goes out, then the file and the state are flushed.
            Drain();
            await _writer.FlushAsync(CancellationToken.None);
            _state?.Checkpoint();
        }
    }

    private void Drain()
    {
        int n = 0;
        while (_events.Reader.TryRead(out var e))
        {
            _writer.WriteLine(TimelineJson.Line(e));
            _state?.Record(e, _trip());
            if (e.Type == "suggestion") Interlocked.Increment(ref _suggestions);
            _metrics.EventOut(e.Type, _clock.LagOf(e.TimeNs));
            Last = e;
            n++;
        }
        if (n == 0) return;
        _writer.Flush();
        Health.Progress(n);
    }
}
