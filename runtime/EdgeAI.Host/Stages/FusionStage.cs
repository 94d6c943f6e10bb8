using EdgeAI.Assistant.Drive;
using EdgeAI.Can;
using EdgeAI.Fusion.Context;
using EdgeAI.Host.Pipeline;
using EdgeAI.Sensors;
using Microsoft.Extensions.Logging;

namespace EdgeAI.Host.Stages;

/// <summary>
/// Fusion: owns the vehicle context. It applies CAN frames, GPS fixes, the camera's attention and the cabin sensor's
/// readings as they arrive, hands
/// the context's drive events (doors, phases, charging) to the outputs, and every tick of drive time publishes a snapshot to the assistant through the latest-wins <c>snapshots</c> channel:
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
    private readonly long _tickNs;
    private readonly List<TimelineEvent> _driveEvents = [];
    private long _nextTickNs = long.MinValue, _lastFrameNs = long.MinValue, _nextContextNs = long.MinValue;
    private int _emitted;

    /// <summary>A fusion stage over <paramref name="context"/>.</summary>
    public FusionStage(StageHealth health, ILogger logger, VehicleContext context, DriveClock clock,
        StageChannel<CanFrame> can, StageChannel<GpsFix> gps, StageChannel<AttentionSample> attention,
        StageChannel<ContextSnapshot> snapshots, StageChannel<TimelineEvent> events, TimeSpan tick)
        : base(health, logger)
    {
        _context = context ?? throw new ArgumentNullException(nameof(context));
        _clock = clock;
        _can = new InputWait<CanFrame>(can.Reader);
        _gps = gps;
        _attention = attention;
        _snapshots = snapshots;
        _events = events;
        _tickNs = tick > TimeSpan.Zero ? tick.Ticks * 100 : throw new ArgumentOutOfRangeException(nameof(tick));
        Time = clock.Time;
    }

    /// <summary>How far the GPS stage has got (fusion waits for it at max speed), or null without GPS.</summary>
    public InputWatermark? GpsMark { get; init; }

    /// <summary>The cabin climate sensor's readings (the sensors stage), or null without one.</summary>
    public StageChannel<CabinClimateReading>? Climate { get; init; }

    /// <summary>How far the camera stage has got (fusion waits for it at max speed), or null without a camera.</summary>
    public InputWatermark? CameraMark { get; init; }

    /// <summary>Seconds of drive between two <c>"type":"context"</c> events (0: none); one more goes out on the stop.</summary>
    public double ContextEveryS { get; init; }

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
        try
        {
            await FuseAsync(stop);
        }
        finally
        {
            // The state the drive ended in, for whoever judges the run (HIL's final checks read it).
            if (ContextEveryS > 0 && _lastFrameNs != long.MinValue && !TryContext(_lastFrameNs))
                Logger.LogWarning("the last context event did not fit the full events queue");
        }
    }

    private async Task FuseAsync(CancellationToken stop)
    {
        bool maxSpeed = double.IsPositiveInfinity(_clock.Speed);
        var wait = TimeSpan.FromTicks(_tickNs / 100);
        bool canOpen = true;
        while (!stop.IsCancellationRequested)
        {
            if (canOpen && await WaitForInputAsync(_can, stop, wait) is null) canOpen = false;
            else if (!canOpen) await Task.Delay(wait, Time, stop);
            int n = 0;
            while (n < 512 && _can.Reader.TryRead(out var frame))
            {
                long t = frame.TimestampNs;
                // GPS and camera samples up to this frame first, as they happened.
                if (maxSpeed) await CatchUpAsync(t, stop);
                else ApplyInputs(t);
                _context.Apply(in frame);
                Volatile.Write(ref _lastFrameNs, t);
                n++;
                // At max speed the replay is a file: a tick at every boundary, none skipped, as the demo's lock step does.
                if (maxSpeed && _nextTickNs != long.MinValue && t >= _nextTickNs) await TickAsync(t, skip: false, stop);
                else if (maxSpeed && _nextTickNs == long.MinValue) { _nextTickNs = t; await TickAsync(t, skip: false, stop); }
            }
            Frames += n;
            if (n > 0) Health.Progress(n);
            if (!maxSpeed)
            {
                ApplyInputs(long.MaxValue);
                long now = Math.Max(_clock.NowNs, Volatile.Read(ref _lastFrameNs));
                if (_clock.IsAnchored && now != long.MinValue)
                {
                    if (_nextTickNs == long.MinValue) _nextTickNs = _clock.StartNs;
                    // In real time a fusion that fell behind publishes the newest moment; the ticks it missed are counted.
                    if (now >= _nextTickNs) await TickAsync(now, skip: true, stop);
                }
            }
            await EmitDriveEventsAsync(stop);
        }
    }

    /// <summary>At max speed: applies every GPS fix and camera sample up to <paramref name="t"/>, waiting for the input
    /// stages until their watermarks are past it.</summary>
    private async ValueTask CatchUpAsync(long t, CancellationToken stop)
    {
        ApplyInputs(t);
        while (GpsMark?.Value <= t || CameraMark?.Value <= t)
        {
            // Wake when the input behind writes; its watermark moves before each write.
            var wait = GpsMark?.Value <= t ? _gps.Reader.WaitToReadAsync(stop) : _attention.Reader.WaitToReadAsync(stop);
            if (!wait.IsCompleted) await wait;
            else await Task.Yield();
            ApplyInputs(t);
            Health.Beat();
        }
    }

    private bool TryContext(long atNs) =>
        _events.TryWrite(TimelineEvent.Of(_context.Snapshot(atNs), AssistantTicker.SecondsOf(_clock.StartNs, atNs)));

    /// <summary>Applies queued GPS fixes and camera samples taken at or before <paramref name="untilNs"/>.</summary>
    private void ApplyInputs(long untilNs)
    {
        while (_gps.Reader.TryPeek(out var fix) && fix.TimestampNs <= untilNs && _gps.Reader.TryRead(out fix)) _context.Apply(in fix);
        while (_attention.Reader.TryPeek(out var a) && a.TimeNs <= untilNs && _attention.Reader.TryRead(out a)) _context.ApplyAttention(a.TimeNs, a.Attention, a.Awareness);
        while (Climate is { } climate && climate.Reader.TryPeek(out var c) && c.TimestampNs <= untilNs && climate.Reader.TryRead(out c)) _context.Apply(in c);
    }

    private async ValueTask EmitDriveEventsAsync(CancellationToken stop)
    {
        _driveEvents.Clear();
        AssistantDrive.EmitDriveEvents(_context, _clock.StartNs, ref _emitted, _driveEvents.Add);
        foreach (var e in _driveEvents) await _events.WriteAsync(e, stop);
    }

    /// <summary>Publishes the ticks due by <paramref name="now"/>: each one (<paramref name="skip"/> false), or only the
    /// newest, counting the others as skipped.</summary>
    private async ValueTask TickAsync(long now, bool skip, CancellationToken stop)
    {
        while (now >= _nextTickNs)
        {
            long due = skip ? (now - _nextTickNs) / _tickNs : 0;
            SkippedTicks += due;
            long at = _nextTickNs + due * _tickNs;
            await EmitDriveEventsAsync(stop);
            var snapshot = _context.Snapshot(at);
            await _snapshots.WriteAsync(snapshot, stop);
            if (ContextEveryS > 0 && at >= _nextContextNs)
            {
                if (_nextContextNs == long.MinValue) _nextContextNs = at;
                _nextContextNs += (long)(ContextEveryS * 1e9);
                if (at > _clock.StartNs) await _events.WriteAsync(TimelineEvent.Of(snapshot, AssistantTicker.SecondsOf(_clock.StartNs, at)), stop);
            }
            Ticks++;
            _nextTickNs = at + _tickNs;
        }
    }
}
