using EdgeAI.Assistant.Drive;
using EdgeAI.Assistant.Engine;
using EdgeAI.Fusion.Context;
using EdgeAI.Host.Pipeline;
using Microsoft.Extensions.Logging;

namespace EdgeAI.Host.Stages;

/// <summary>
/// The assistant: for each context snapshot fusion publishes, one tick of the <see cref="AssistantTicker"/> (trip,
/// light ahead, triggers, the occupants' script and questions) on that snapshot; its events go to the outputs. Work
/// posted to the ticker (the HMI's accept, dismiss and questions, the cabin buttons) is done at the next tick, or within
/// <see cref="PostedEvery"/> when no snapshot comes.
/// </summary>
public sealed class AssistantStage : HostStage
{
    private readonly AssistantTicker _ticker;
    private readonly SnapshotContextReader _reader;
    private readonly InputWait<ContextSnapshot> _snapshots;
    private readonly StageChannel<TimelineEvent> _events;
    private readonly DriveClock _clock;
    private readonly List<TimelineEvent> _buffer = [];

    /// <summary>A stage running <paramref name="ticker"/>, which reads through <paramref name="reader"/>.</summary>
    public AssistantStage(StageHealth health, ILogger logger, AssistantTicker ticker, SnapshotContextReader reader,
        StageChannel<ContextSnapshot> snapshots, StageChannel<TimelineEvent> events, DriveClock clock)
        : base(health, logger)
    {
        _ticker = ticker ?? throw new ArgumentNullException(nameof(ticker));
        _reader = reader ?? throw new ArgumentNullException(nameof(reader));
        _snapshots = new InputWait<ContextSnapshot>(snapshots.Reader);
        _events = events;
        _clock = clock;
        Time = clock.Time;
    }

    /// <summary>How long posted work (an accept, a dismissal, a question) waits at most when no snapshot comes.</summary>
    public static readonly TimeSpan PostedEvery = TimeSpan.FromMilliseconds(250);

    /// <summary>The ticker.</summary>
    public AssistantTicker Ticker => _ticker;

    /// <inheritdoc/>
    protected override async Task RunAsync(CancellationToken stop)
    {
        while (await WaitForInputAsync(_snapshots, stop, PostedEvery) is { } input)
        {
            if (!input)
            {
                // No snapshot (the replay has ended, or the context is late): the HMI's and the buttons' posted work is
                // still done, on the last tick's moment.
                _buffer.Clear();
                await _ticker.RunPostedAsync(_buffer.Add, stop);
                foreach (var e in _buffer) await _events.WriteAsync(e, stop);
                continue;
            }
            // One tick per snapshot, in order: in real time the channel holds only the newest (latest-wins), at max
            // speed every one (a file's reproducible timeline).
            while (_snapshots.Reader.TryRead(out var snapshot))
            {
                if (_ticker.FirstNs == long.MinValue) _ticker.FirstNs = _clock.StartNs;
                _reader.Snapshot = snapshot;
                _buffer.Clear();
                await _ticker.TickAsync(snapshot.TimeNs, _buffer.Add, stop);
                foreach (var e in _buffer) await _events.WriteAsync(e, stop);
                Health.Progress();
            }
        }
    }
}
