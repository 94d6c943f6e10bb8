using EdgeAI.Assistant.Engine;
using EdgeAI.Assistant.Trip;
using EdgeAI.Can;
using EdgeAI.Can.Logs;
using EdgeAI.Can.Replay;
using EdgeAI.Fusion.Context;
using EdgeAI.Fusion.Scenarios;
using EdgeAI.Sensors;

namespace EdgeAI.Assistant.Drive;

/// <summary>
/// A drive through the whole pipeline in lock step on one virtual clock: CAN frames, GPS fixes and cabin-camera frames
/// are applied to the vehicle context in time order, and every <see cref="TickEveryS"/> of drive time the
/// <see cref="AssistantTicker"/> runs on the live context (trip, light ahead, triggers, the occupants' script).
/// Everything is keyed to the recording's time, never the wall clock, so the timeline is the same at any replay speed.
/// The production host runs the same two halves as separate stages (EdgeAI.Host).
/// </summary>
public sealed class AssistantDrive
{
    private readonly IReadOnlyList<GpsFix> _fixes;
    private int _nextFix, _printedDriveEvents;
    private long _firstNs = long.MinValue, _nextTickNs = long.MinValue;
    private CanFrame _last;
    private readonly List<CanFrame> _held = [];

    /// <summary>A drive over <paramref name="context"/> with <paramref name="engine"/>; the ticker reads the live context,
    /// or <paramref name="reader"/> when given (the host's assistant stage reads published snapshots).</summary>
    public AssistantDrive(VehicleContext context, AssistantEngine engine, TimeZoneInfo zone, IContextReader? reader = null)
    {
        Context = context ?? throw new ArgumentNullException(nameof(context));
        Ticker = new AssistantTicker(reader ?? new VehicleContextReader(context), engine, zone);
        _fixes = [];
    }

    /// <summary>Seconds of drive time between two engine ticks.</summary>
    public double TickEveryS { get; init; } = 0.5;

    /// <summary>The vehicle context.</summary>
    public VehicleContext Context { get; }

    /// <summary>The assistant's half: trip, lights, engine, occupants.</summary>
    public AssistantTicker Ticker { get; }

    /// <summary>The engine.</summary>
    public AssistantEngine Engine => Ticker.Engine;

    /// <summary>The trip, or null without a destination.</summary>
    public TripState? Trip { get => Ticker.Trip; init => Ticker.Trip = value; }

    /// <summary>The SPaT/MAP watcher, or null without a feed.</summary>
    public LightWatcher? Lights { get => Ticker.Lights; init => Ticker.Lights = value; }

    /// <summary>The GPS fixes of the drive, in time order.</summary>
    public IReadOnlyList<GpsFix> Fixes { get => _fixes; init => _fixes = value; }

    /// <summary>The cabin camera, or null.</summary>
    public ICabinCamera? Camera { get; init; }

    /// <summary>The occupants' scripted actions.</summary>
    public IReadOnlyList<OccupantAction> Occupant { get => Ticker.Occupant; init => Ticker.Occupant = value; }

    /// <summary>Who answers questions, or null (questions are then said to have no answer).</summary>
    public ChatAnswerer? Answerer { get => Ticker.Answerer; set => Ticker.Answerer = value; }

    /// <summary>The context view the answerer's tools read; refreshed before each question.</summary>
    public SnapshotPublisher? ToolView
    {
        get;
        init { field = value; Ticker.BeforeQuestion = value is null ? null : () => value.Observe(); }
    }

    /// <summary>The moment the triggers saw at the last tick.</summary>
    public AssistantMoment Moment => Ticker.Moment;

    /// <summary>The frame applied last.</summary>
    public ref readonly CanFrame LastFrame => ref _last;

    /// <summary>Seconds since the first frame.</summary>
    public double Seconds { get; private set; }

    /// <summary>Frames applied.</summary>
    public long Frames { get; private set; }

    /// <summary>Engine ticks so far.</summary>
    public long Ticks => Ticker.Ticks;

    /// <summary>An occupant acts on a suggestion only after it has been shown this long (reading and reacting).</summary>
    public const double ReactionS = AssistantTicker.ReactionS;

    /// <summary>Seconds of drive after which the replay stops (null: the end of the log).</summary>
    public double? StopAfterS { get; init; }

    /// <summary>
    /// Stalled stages as a hung stage of the production host would be (HIL's <c>stage_stall</c>), in seconds of drive:
    /// while the assistant is stalled the context moves on but no tick is made (a late tick is skipped, as the host's
    /// latest-wins snapshots skip it); while fusion is stalled nothing is applied and nothing ticks, and the frames that
    /// waited are applied in order when it moves again.
    /// </summary>
    public IReadOnlyList<DriveStall> Stalls { get; set; } = [];

    /// <summary>Ticks that came due while the assistant or fusion was stalled, and were skipped.</summary>
    public long SkippedTicks { get; private set; }

    /// <summary>
    /// Replays <paramref name="reader"/>; <paramref name="pace"/> waits before each frame (a <see cref="ReplayPacer"/>,
    /// or nothing for full speed), <paramref name="onEvent"/> gets every timeline event, <paramref name="onFrame"/>
    /// (optional) is called after every frame. Stops at the end of the log, after <see cref="StopAfterS"/>, or when
    /// cancelled (then it returns normally).
    /// </summary>
    public async Task RunAsync(ICanLogReader reader, Func<long, CancellationToken, ValueTask> pace, Action<TimelineEvent> onEvent, Action? onFrame = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(pace);
        ArgumentNullException.ThrowIfNull(onEvent);
        try
        {
            while (reader.TryRead(out var frame))
            {
                long t = frame.TimestampNs;
                if (_firstNs != long.MinValue && StopAfterS is { } stop && (t - _firstNs) / 1e9 > stop) break;
                await pace(t, cancellation);
                if (_firstNs == long.MinValue) { _firstNs = t; _nextTickNs = t; Ticker.FirstNs = t; }
                var stall = StallAt((t - _firstNs) / 1e9);
                if (stall is { Stage: DriveStall.Fusion })
                {
                    _held.Add(frame);
                    SkipTicks(t);
                    continue;
                }
                foreach (var held in _held) await ApplyAsync(held, onEvent, cancellation);
                _held.Clear();
                await ApplyAsync(frame, onEvent, cancellation);
                if (stall is not null) SkipTicks(t);
                while (t >= _nextTickNs)
                {
                    await Ticker.TickAsync(_nextTickNs, onEvent, cancellation);
                    _nextTickNs += (long)(TickEveryS * 1e9);
                }
                onFrame?.Invoke();
            }
            // A drive that ends inside a fusion stall: what waited is applied (the host drains its queue on the stop).
            foreach (var held in _held) await ApplyAsync(held, onEvent, cancellation);
            _held.Clear();
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            // Ctrl+C: the caller shows where the drive got to.
        }
    }

    private async ValueTask ApplyAsync(CanFrame frame, Action<TimelineEvent> onEvent, CancellationToken cancellation)
    {
        long t = frame.TimestampNs;
        while (_nextFix < _fixes.Count && _fixes[_nextFix].TimestampNs <= t) Context.Apply(_fixes[_nextFix++]);
        if (Camera is not null) await Camera.AdvanceToAsync(t, Context, cancellation);
        Context.Apply(in frame);
        _last = frame;
        Frames++;
        Seconds = (t - _firstNs) / 1e9;
        EmitDriveEvents(Context, _firstNs, ref _printedDriveEvents, onEvent);
    }

    private DriveStall? StallAt(double atS)
    {
        foreach (var stall in Stalls)
            if (atS >= stall.FromS && atS < stall.ToS) return stall;
        return null;
    }

    private void SkipTicks(long t)
    {
        while (t >= _nextTickNs)
        {
            _nextTickNs += (long)(TickEveryS * 1e9);
            SkippedTicks++;
        }
    }

    /// <summary>The context's drive events (doors, phases, charging) after the <paramref name="emitted"/> already
    /// handed on, as timeline events with times from the drive's first moment <paramref name="firstNs"/>.</summary>
    public static void EmitDriveEvents(VehicleContext context, long firstNs, ref int emitted, Action<TimelineEvent> onEvent)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(onEvent);
        var events = context.Drive.Events;
        for (; emitted < events.Count; emitted++)
        {
            var e = events[emitted];
            onEvent(new TimelineEvent(e.TimeNs, AssistantTicker.SecondsOf(firstNs, e.TimeNs), "drive", e.Kind, e.Text));
        }
    }
}
