using EdgeAI.Assistant.Engine;
using EdgeAI.Assistant.Suggestions;
using EdgeAI.Assistant.Trip;
using EdgeAI.Fusion.Context;
using EdgeAI.Fusion.Scenarios;
using EdgeAI.Services.Geo;

namespace EdgeAI.Assistant.Drive;

/// <summary>
/// The assistant's half of a drive, one tick at a time: the trip is replanned when due, the light ahead is predicted,
/// the engine evaluates its triggers, and the occupants' scripted actions and questions are played. It reads the
/// vehicle context only through its <see cref="IContextReader"/>: the live context in a lock-step replay
/// (<see cref="AssistantDrive"/>), the latest published snapshot in the host's assistant stage.
/// </summary>
public sealed class AssistantTicker
{
    private readonly AssistantMoment _moment;
    private readonly List<AssistantEvent> _engineEvents = [];
    private readonly List<OccupantAction> _pending = [];
    private readonly System.Collections.Concurrent.ConcurrentQueue<Func<Action<TimelineEvent>, CancellationToken, Task>> _posted = new();
    private readonly TimeZoneInfo _zone;
    private int _questions;
    private int _shownCount;

    /// <summary>A ticker that reads the context through <paramref name="reader"/> and runs <paramref name="engine"/>.</summary>
    public AssistantTicker(IContextReader reader, AssistantEngine engine, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(reader);
        Engine = engine ?? throw new ArgumentNullException(nameof(engine));
        _zone = zone ?? TimeZoneInfo.Utc;
        _moment = new AssistantMoment(reader);
    }

    /// <summary>An occupant acts on a suggestion only after it has been shown this long (reading and reacting).</summary>
    public const double ReactionS = 2;

    /// <summary>The engine.</summary>
    public AssistantEngine Engine { get; }

    /// <summary>The trip, or null without a destination.</summary>
    public TripState? Trip { get; set; }

    /// <summary>The SPaT/MAP watcher, or null without a feed.</summary>
    public LightWatcher? Lights { get; set; }

    /// <summary>The occupants' scripted actions still to play.</summary>
    public IReadOnlyList<OccupantAction> Occupant
    {
        get => _pending;
        set { _pending.Clear(); _pending.AddRange(value); }
    }

    /// <summary>Who answers questions, or null (questions are then said to have no answer).</summary>
    public ChatAnswerer? Answerer { get; set; }

    /// <summary>Called before each question, so that the answer's tools see the context of this moment.</summary>
    public Action? BeforeQuestion { get; set; }

    /// <summary>The drive's first moment (ns since the Unix epoch); times in events count from it.</summary>
    public long FirstNs { get; set; } = long.MinValue;

    /// <summary>The moment the triggers saw at the last tick.</summary>
    public AssistantMoment Moment => _moment;

    /// <summary>Ticks so far.</summary>
    public long Ticks { get; private set; }

    /// <summary>Seconds of drive at <paramref name="timeNs"/>, rounded to the millisecond.</summary>
    public double At(long timeNs) => SecondsOf(FirstNs, timeNs);

    /// <summary>Seconds from <paramref name="firstNs"/> to <paramref name="timeNs"/>, rounded to the millisecond (0 before
    /// the drive started).</summary>
    public static double SecondsOf(long firstNs, long timeNs) => firstNs == long.MinValue ? 0 : Math.Round((timeNs - firstNs) / 1e9, 3);

    /// <summary>One tick at <paramref name="nowNs"/>: every event it makes goes to <paramref name="onEvent"/>, in order.</summary>
    public async Task TickAsync(long nowNs, Action<TimelineEvent> onEvent, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(onEvent);
        if (FirstNs == long.MinValue) FirstNs = nowNs;
        Ticks++;
        var m = _moment;
        m.NowNs = nowNs;
        m.DriveSeconds = At(nowNs);
        m.LocalTime = TimeZoneInfo.ConvertTime(DateTimeOffset.UnixEpoch.AddTicks(nowNs / 100), _zone).DateTime;
        bool hasPosition = m.TryNumber(ContextKeys.Latitude, out double lat) & m.TryNumber(ContextKeys.Longitude, out double lon);
        var position = new GeoPoint(lat, lon);
        if (Trip is not null && hasPosition && m.TryNumber(ContextKeys.StateOfCharge, out double soc))
        {
            bool charging = m.TryFlag(ContextKeys.IsCharging, out bool c) && c;
            Trip.ObserveCharging(charging, m.MovingFasterThan(2));
            double outside = m.TryNumber(ContextKeys.OutsideTemperature, out double o) ? o : 15;
            Trip.Update(position, soc / 100, nowNs, outside);
            m.Trip = Trip;
        }
        m.Light = Lights is not null && hasPosition && m.TryNumber(ContextKeys.Heading, out double heading)
            ? Lights.At(m.DriveSeconds, position, heading, m.TryNumber(ContextKeys.Speed, out double kmh) ? kmh / 3.6 : 0)
            : null;

        _engineEvents.Clear();
        Engine.Tick(m, _engineEvents);
        await PlayOccupantAsync(m, onEvent, cancellation);
        FlushEngineEvents(onEvent);
        await RunPostedAsync(onEvent, cancellation);
        Volatile.Write(ref _shownCount, Engine.ShownCount);
    }

    /// <summary>
    /// Work from another thread (the HMI's accept, dismiss or question while the host runs) that the next tick does on
    /// the ticker's own thread, after its own events, with the tick's event sink.
    /// </summary>
    public void Post(Func<Action<TimelineEvent>, CancellationToken, Task> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        _posted.Enqueue(work);
    }

    /// <summary>
    /// The occupant acts now on the shown suggestion <paramref name="suggestionId"/> (the HMI's accept or dismiss), as a
    /// scripted action does at a tick; the engine's events go to <paramref name="onEvent"/>. False when no such suggestion
    /// is shown or it offers no such action.
    /// </summary>
    public bool Act(string suggestionId, string actionId, Action<TimelineEvent> onEvent)
    {
        ArgumentNullException.ThrowIfNull(onEvent);
        _engineEvents.Clear();
        bool done = Engine.Act(suggestionId, actionId, _moment, _engineEvents);
        FlushEngineEvents(onEvent);
        return done;
    }

    /// <summary>
    /// Does the work posted since the last tick now, between ticks (the host's assistant stage when no snapshot comes: the
    /// replay has ended, or the context is late), with the last tick's moment.
    /// </summary>
    public async Task RunPostedAsync(Action<TimelineEvent> onEvent, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(onEvent);
        while (_posted.TryDequeue(out var work)) await work(onEvent, cancellation);
    }

    /// <summary>
    /// A cabin button (accept or dismiss), pressed on another thread: the next tick acts with <paramref name="actionId"/>
    /// on the first shown suggestion that offers it (<see cref="AssistantEngine.ActOnFirst"/>); nothing happens when none
    /// is shown.
    /// </summary>
    public void PostActOnFirst(string actionId) => Post((onEvent, _) =>
    {
        _engineEvents.Clear();
        Engine.ActOnFirst(actionId, _moment, _engineEvents);
        FlushEngineEvents(onEvent);
        return Task.CompletedTask;
    });

    /// <summary>How many suggestions were shown after the last tick (any thread: a status LED reads it).</summary>
    public int ShownCount => Volatile.Read(ref _shownCount);

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
        BeforeQuestion?.Invoke();
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
}
