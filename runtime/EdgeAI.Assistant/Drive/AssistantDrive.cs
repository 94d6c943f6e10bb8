using EdgeAI.Assistant.Engine;
using EdgeAI.Assistant.Suggestions;
using EdgeAI.Assistant.Trip;
using EdgeAI.Can;
using EdgeAI.Can.Logs;
using EdgeAI.Can.Replay;
using EdgeAI.Fusion.Context;
using EdgeAI.Fusion.Scenarios;
using EdgeAI.Sensors;
using EdgeAI.Services.Geo;
using EdgeAI.Services.TrafficLights;

namespace EdgeAI.Assistant.Drive;

/// <summary>
/// A drive through the whole pipeline on one virtual clock: CAN frames, GPS fixes and cabin-camera frames are applied
/// to the vehicle context in time order; every <see cref="TickEveryS"/> of drive time the trip is replanned when due,
/// the light ahead is predicted from the SPaT received so far, the engine evaluates its triggers, and the occupants'
/// scripted actions and questions are played. Everything is keyed to the recording's time, never the wall clock, so
/// the timeline is the same at any replay speed.
/// </summary>
public sealed class AssistantDrive
{
    private readonly AssistantMoment _moment;
    private readonly List<AssistantEvent> _engineEvents = [];
    private readonly List<OccupantAction> _pending;
    private readonly IReadOnlyList<GpsFix> _fixes;
    private readonly TimeZoneInfo _zone;
    private int _nextFix, _printedDriveEvents, _questions;
    private long _firstNs = long.MinValue, _nextTickNs = long.MinValue;
    private CanFrame _last;

    /// <summary>A drive over <paramref name="context"/> with <paramref name="engine"/>.</summary>
    public AssistantDrive(VehicleContext context, AssistantEngine engine, TimeZoneInfo zone)
    {
        Context = context ?? throw new ArgumentNullException(nameof(context));
        Engine = engine ?? throw new ArgumentNullException(nameof(engine));
        _zone = zone ?? TimeZoneInfo.Utc;
        _moment = new AssistantMoment(new VehicleContextReader(context));
        _pending = [];
        _fixes = [];
    }

    /// <summary>Seconds of drive time between two engine ticks.</summary>
    public double TickEveryS { get; init; } = 0.5;

    /// <summary>The vehicle context.</summary>
    public VehicleContext Context { get; }

    /// <summary>The engine.</summary>
    public AssistantEngine Engine { get; }

    /// <summary>The trip, or null without a destination.</summary>
    public TripState? Trip { get; init; }

    /// <summary>The SPaT/MAP watcher, or null without a feed.</summary>
    public LightWatcher? Lights { get; init; }

    /// <summary>The GPS fixes of the drive, in time order.</summary>
    public IReadOnlyList<GpsFix> Fixes { get => _fixes; init => _fixes = value; }

    /// <summary>The cabin camera, or null.</summary>
    public ICabinCamera? Camera { get; init; }

    /// <summary>The occupants' scripted actions.</summary>
    public IReadOnlyList<OccupantAction> Occupant { get => _pending; init => _pending = [.. value]; }

    /// <summary>Who answers questions, or null (questions are then said to have no answer).</summary>
    public ChatAnswerer? Answerer { get; set; }

    /// <summary>The context view the answerer's tools read; refreshed before each question.</summary>
    public SnapshotPublisher? ToolView { get; init; }

    /// <summary>The moment the triggers saw at the last tick.</summary>
    public AssistantMoment Moment => _moment;

    /// <summary>The frame applied last.</summary>
    public ref readonly CanFrame LastFrame => ref _last;

    /// <summary>Seconds since the first frame.</summary>
    public double Seconds { get; private set; }

    /// <summary>Frames applied.</summary>
    public long Frames { get; private set; }

    /// <summary>Engine ticks so far.</summary>
    public long Ticks { get; private set; }

    /// <summary>An occupant acts on a suggestion only after it has been shown this long (reading and reacting).</summary>
    public const double ReactionS = 2;

    /// <summary>Seconds of drive after which the replay stops (null: the end of the log).</summary>
    public double? StopAfterS { get; init; }

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
                if (_firstNs == long.MinValue) { _firstNs = t; _nextTickNs = t; }
                while (_nextFix < _fixes.Count && _fixes[_nextFix].TimestampNs <= t) Context.Apply(_fixes[_nextFix++]);
                if (Camera is not null) await Camera.AdvanceToAsync(t, Context, cancellation);
                Context.Apply(in frame);
                _last = frame;
                Frames++;
                Seconds = (t - _firstNs) / 1e9;
                EmitDriveEvents(onEvent);
                while (t >= _nextTickNs)
                {
                    await TickAsync(_nextTickNs, onEvent, cancellation);
                    _nextTickNs += (long)(TickEveryS * 1e9);
                }
                onFrame?.Invoke();
            }
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            // Ctrl+C: the caller shows where the drive got to.
        }
    }

    private void EmitDriveEvents(Action<TimelineEvent> onEvent)
    {
        var events = Context.Drive.Events;
        for (; _printedDriveEvents < events.Count; _printedDriveEvents++)
        {
            var e = events[_printedDriveEvents];
            onEvent(new TimelineEvent(e.TimeNs, At(e.TimeNs), "drive", e.Kind, e.Text));
        }
    }

    private async Task TickAsync(long now, Action<TimelineEvent> onEvent, CancellationToken cancellation)
    {
        Ticks++;
        var m = _moment;
        m.NowNs = now;
        m.DriveSeconds = At(now);
        m.LocalTime = TimeZoneInfo.ConvertTime(DateTimeOffset.UnixEpoch.AddTicks(now / 100), _zone).DateTime;
        bool hasPosition = m.TryNumber(ContextKeys.Latitude, out double lat) & m.TryNumber(ContextKeys.Longitude, out double lon);
        var position = new GeoPoint(lat, lon);
        if (Trip is not null && hasPosition && m.TryNumber(ContextKeys.StateOfCharge, out double soc))
        {
            bool charging = m.TryFlag(ContextKeys.IsCharging, out bool c) && c;
            Trip.ObserveCharging(charging, m.MovingFasterThan(2));
            double outside = m.TryNumber(ContextKeys.OutsideTemperature, out double o) ? o : 15;
            Trip.Update(position, soc / 100, now, outside);
            m.Trip = Trip;
        }
        m.Light = Lights is not null && hasPosition && m.TryNumber(ContextKeys.Heading, out double heading)
            ? Lights.At(m.DriveSeconds, position, heading, m.TryNumber(ContextKeys.Speed, out double kmh) ? kmh / 3.6 : 0)
            : null;

        _engineEvents.Clear();
        Engine.Tick(m, _engineEvents);
        await PlayOccupantAsync(m, onEvent, cancellation);
        FlushEngineEvents(onEvent);
    }

    /// <summary>Hands the engine's events so far to <paramref name="onEvent"/>, in order, and forgets them.</summary>
    private void FlushEngineEvents(Action<TimelineEvent> onEvent)
    {
        foreach (var e in _engineEvents) onEvent(FromEngine(e));
        _engineEvents.Clear();
    }

    private async Task PlayOccupantAsync(AssistantMoment m, Action<TimelineEvent> onEvent, CancellationToken cancellation)
    {
        for (int i = 0; i < _pending.Count; i++)
        {
            var action = _pending[i];
            if (action.AtS > m.DriveSeconds) break;
            if (action.Verb == "ask")
            {
                _pending.RemoveAt(i--);
                // Suggestions of this tick come first, then the question.
                FlushEngineEvents(onEvent);
                await AskAsync(m, action.Target, onEvent, cancellation);
                continue;
            }
            if (Engine.ShownOf(action.Target) is { } shown && (m.NowNs - shown.ShownNs) / 1e9 >= ReactionS)
            {
                string id = action.Verb switch { "accept" => SuggestionAction.AcceptId, "dismiss" => SuggestionAction.DismissId, _ => "alt:" + action.Alternative };
                _pending.RemoveAt(i--);
                FlushEngineEvents(onEvent);
                if (!Engine.Act(shown.Id, id, m, _engineEvents))
                    onEvent(new TimelineEvent(m.NowNs, m.DriveSeconds, "action", action.Target, $"{action.Verb}: the suggestion offers no such action") { Ref = shown.Id, Reason = "refused" });
            }
            else if (m.DriveSeconds > action.AtS + action.WaitS)
            {
                _pending.RemoveAt(i--);
                onEvent(new TimelineEvent(m.NowNs, m.DriveSeconds, "skipped", action.Target, $"{action.Verb} {action.Target}: no such suggestion was shown within {action.WaitS:0} s") { Reason = "nothing_shown" });
            }
        }
    }

    private async Task AskAsync(AssistantMoment m, string question, Action<TimelineEvent> onEvent, CancellationToken cancellation)
    {
        string id = $"q{++_questions}";
        onEvent(new TimelineEvent(m.NowNs, m.DriveSeconds, "question", null, question) { Id = id });
        if (Answerer is null)
        {
            onEvent(new TimelineEvent(m.NowNs, m.DriveSeconds, "answer", null, "(no assistant to answer)") { Ref = id, By = "none" });
            return;
        }
        ToolView?.Observe();
        var (text, tools) = await Answerer.AskAsync(question, cancellation);
        onEvent(new TimelineEvent(m.NowNs, m.DriveSeconds, "answer", null, text) { Ref = id, By = Answerer.By, Tools = tools });
    }

    private TimelineEvent FromEngine(AssistantEvent e)
    {
        string? text = e.Type switch
        {
            "suggestion" => e.Suggestion!.Text,
            "held" => $"{e.Kind} suggestion held back: {e.Reason}",
            _ => e.Suggestion?.Text,
        };
        return new TimelineEvent(e.TimeNs, At(e.TimeNs), e.Type, e.Kind, text)
        {
            Suggestion = e.Suggestion,
            Reason = e.Type == "suggestion" ? e.Suggestion!.Reason : e.Reason,
            Id = e.Type == "suggestion" ? e.Suggestion!.Id : null,
            Ref = e.Ref,
            By = e.Type == "suggestion" ? e.Suggestion!.By : null,
        };
    }

    private double At(long timeNs) => _firstNs == long.MinValue ? 0 : Math.Round((timeNs - _firstNs) / 1e9, 3);
}
