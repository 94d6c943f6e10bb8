using EdgeAI.Assistant.Drive;
using EdgeAI.Can;
using EdgeAI.Fusion.Context;
using EdgeAI.Host.Pipeline;
using EdgeAI.Sensors;
using Microsoft.Extensions.Logging;

namespace EdgeAI.Host.Stages;

/// <summary>
/// Fusion: owns the vehicle context. It applies CAN frames, GPS fixes and the camera's attention as they arrive, hands
/// the context's drive events (doors, phases, charging) to the outputs, refreshes the snapshot the answers' tools read,
/// and every tick of drive time publishes a snapshot to the assistant through the latest-wins <c>snapshots</c> channel:
/// a slow assistant sees the newest moment, and the ticks it missed are counted, never queued.
/// </summary>
public sealed class FusionStage : HostStage
{
    private readonly VehicleContext _context;
    private readonly InputWait<CanFrame> _can;
    private readonly StageChannel<GpsFix> _gps;
    private readonly StageChannel<AttentionSample> _attention;
    private readonly StageChannel<ContextSnapshot> _snapshots;
    private readonly StageChannel<TimelineEvent> _events;
    private readonly DriveClock _clock;
    private readonly SnapshotPublisher? _toolView;
    private readonly long _tickNs;
    private readonly List<TimelineEvent> _driveEvents = [];
    private long _nextTickNs = long.MinValue, _lastFrameNs = long.MinValue;
    private int _emitted;

    /// <summary>A fusion stage over <paramref name="context"/>.</summary>
    public FusionStage(StageHealth health, ILogger logger, VehicleContext context, DriveClock clock,
        StageChannel<CanFrame> can, StageChannel<GpsFix> gps, StageChannel<AttentionSample> attention,
        StageChannel<ContextSnapshot> snapshots, StageChannel<TimelineEvent> events, SnapshotPublisher? toolView, TimeSpan tick)
        : base(health, logger)
    {
        _context = context ?? throw new ArgumentNullException(nameof(context));
        _clock = clock;
        _can = new InputWait<CanFrame>(can.Reader);
        _gps = gps;
        _attention = attention;
        _snapshots = snapshots;
        _events = events;
        _toolView = toolView;
        _tickNs = tick > TimeSpan.Zero ? tick.Ticks * 100 : throw new ArgumentOutOfRangeException(nameof(tick));
        Time = clock.Time;
    }

    /// <summary>Frames applied.</summary>
    public long Frames { get; private set; }

    /// <summary>Snapshots published.</summary>
    public long Ticks { get; private set; }

    /// <summary>Ticks that came due while fusion was behind and were skipped (CPU starvation shows here).</summary>
    public long SkippedTicks { get; private set; }

    /// <summary>The drive's time as fusion last saw it (ns), or <see cref="long.MinValue"/>.</summary>
    public long LatestNs => Volatile.Read(ref _lastFrameNs);

    /// <inheritdoc/>
    protected override async Task RunAsync(CancellationToken stop)
    {
        bool canOpen = true;
        while (!stop.IsCancellationRequested)
        {
            if (canOpen && await WaitForInputAsync(_can, stop) is null) canOpen = false;
            else if (!canOpen) await Task.Delay(BeatEvery, Time, stop);
            while (_gps.Reader.TryRead(out var fix)) _context.Apply(in fix);
            while (_attention.Reader.TryRead(out var a)) _context.ApplyAttention(a.TimeNs, a.Attention, a.Awareness);
            int n = 0;
            while (n < 512 && _can.Reader.TryRead(out var frame))
            {
                _context.Apply(in frame);
                Volatile.Write(ref _lastFrameNs, frame.TimestampNs);
                n++;
            }
            Frames += n;
            if (n > 0) Health.Progress(n);
            _driveEvents.Clear();
            AssistantDrive.EmitDriveEvents(_context, _clock.StartNs, ref _emitted, _driveEvents.Add);
            foreach (var e in _driveEvents) await _events.WriteAsync(e, stop);
            _toolView?.Observe();
            await TickIfDueAsync(stop);
        }
    }

    private async ValueTask TickIfDueAsync(CancellationToken stop)
    {
        if (!_clock.IsAnchored) return;
        // At max speed the drive's time is what fusion has applied; else the clock (a quiet bus still ticks: keys go stale).
        long now = double.IsPositiveInfinity(_clock.Speed) ? _lastFrameNs : Math.Max(_clock.NowNs, _lastFrameNs);
        if (now == long.MinValue) return;
        if (_nextTickNs == long.MinValue) _nextTickNs = _clock.StartNs;
        if (now < _nextTickNs) return;
        long due = (now - _nextTickNs) / _tickNs;
        SkippedTicks += due;
        long at = _nextTickNs + due * _tickNs;
        await _snapshots.WriteAsync(_context.Snapshot(at), stop);
        Ticks++;
        _nextTickNs = at + _tickNs;
    }
}
