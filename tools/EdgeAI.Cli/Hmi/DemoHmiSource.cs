using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using EdgeAI.Assistant.Drive;
using EdgeAI.Assistant.Trip;
using EdgeAI.Events;
using EdgeAI.Fusion.Context;
using EdgeAI.Host.Hmi;
using EdgeAI.Llm.Chat;

namespace EdgeAI.Cli.Hmi;

/// <summary>
/// <c>edgeai demo --serve</c>: the lock-step drive behind the HMI. Everything that touches the engine, the context or
/// the trip runs on the drive's thread: requests post work, and the drive runs it between frames (or while the clock is
/// paused, or after the drive ended). What the page reads (state, route) is published from that thread as finished JSON.
/// </summary>
internal sealed class DemoHmiSource : IHmiSource
{
    private readonly ConcurrentQueue<Func<ValueTask>> _work = new();
    private readonly AssistantDrive _drive;
    private readonly EventHub _hub;
    private readonly IChatSession _chat;
    private readonly string _by;
    private readonly double _contextEveryS;
    private double _nextContextS;
    private string? _state, _route, _lightKey;
    private long _routePlannedNs = long.MinValue;
    private AcceptedStop? _routeCharger;
    private int _routes, _questions;
    private volatile bool _ended;

    /// <summary>Serves <paramref name="drive"/>: events to <paramref name="hub"/>, questions to <paramref name="chat"/>
    /// (a session of its own), the context every <paramref name="contextEveryS"/> of drive.</summary>
    public DemoHmiSource(AssistantDrive drive, EventHub hub, IChatSession chat, bool chatIsModel, HmiClock clock, double contextEveryS)
    {
        _drive = drive;
        _hub = hub;
        _chat = chat;
        _by = chatIsModel ? "model" : "templates";
        Clock = clock;
        _contextEveryS = contextEveryS;
    }

    public HmiClock Clock { get; }

    HmiClock? IHmiSource.Clock => Clock;

    public string? StateJson() => Volatile.Read(ref _state);

    public string? RouteJson() => Volatile.Read(ref _route);

    public string HealthJson() => string.Create(CultureInfo.InvariantCulture,
        $"{{\"state\":\"{(_ended ? "ended" : Clock.Paused ? "paused" : "running")}\",\"drive_s\":{Math.Round(Clock.Seconds, 3)},\"frames\":{_drive.Frames},\"events\":{_hub.Published}}}");

    /// <summary>The drive's pacer: waits for the clock, doing posted work meanwhile.</summary>
    public ValueTask PaceAsync(long frameNs, CancellationToken cancellation) => Clock.WaitAsync(frameNs, RunWorkAsync, cancellation);

    /// <summary>One timeline event, to every client.</summary>
    public void OnEvent(TimelineEvent e) => _hub.Publish(TimelineJson.Line(e));

    /// <summary>After each frame: the context, the light ahead and the route, each time <see cref="_contextEveryS"/> of
    /// drive has passed.</summary>
    public void OnFrame()
    {
        if (_drive.Seconds < _nextContextS) return;
        _nextContextS = _drive.Seconds + _contextEveryS;
        PublishContext();
        PublishLight();
        PublishRoute();
    }

    /// <summary>The drive has ended: the last context goes out, then posted work (answers; actions say it ended) runs
    /// until <paramref name="cancellation"/>.</summary>
    public async Task ServeAfterDriveAsync(string summary, CancellationToken cancellation)
    {
        PublishContext();
        _hub.Publish(EventEnvelope.Line(json =>
        {
            EventEnvelope.Start(json, _drive.Context.LatestNs, "summary");
            json.WriteNumber("at_s", Math.Round(_drive.Seconds, 3));
            json.WriteString("text", summary);
        }));
        _ended = true;
        Clock.MarkEnded();
        try
        {
            while (!cancellation.IsCancellationRequested)
            {
                await RunWorkAsync();
                await Clock.WaitForWakeAsync(cancellation);
            }
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            // Ctrl+C.
        }
    }

    public ValueTask<HmiActOutcome> ActAsync(string suggestionId, string actionId, CancellationToken cancellation)
    {
        var done = new TaskCompletionSource<HmiActOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        Post(() =>
        {
            done.TrySetResult(Act(suggestionId, actionId));
            return ValueTask.CompletedTask;
        });
        return new ValueTask<HmiActOutcome>(done.Task.WaitAsync(cancellation));
    }

    public async IAsyncEnumerable<ChatEvent> AskAsync(string text, [EnumeratorCancellation] CancellationToken cancellation)
    {
        var stream = Channel.CreateUnbounded<ChatEvent>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        Post(() => AnswerAsync(text, stream.Writer, cancellation));
        await foreach (var e in stream.Reader.ReadAllAsync(cancellation)) yield return e;
    }

    private HmiActOutcome Act(string suggestionId, string action)
    {
        if (_ended) return HmiActOutcome.Ended;
        var outcome = HmiDriveWork.Act(_drive, suggestionId, action, OnEvent);
        PublishRoute();
        return outcome;
    }

    // On the drive's thread: the drive waits while a question is answered, as it does for the scenario's questions.
    private async ValueTask AnswerAsync(string question, ChannelWriter<ChatEvent> output, CancellationToken cancellation)
    {
        string id = "h" + (++_questions).ToString(CultureInfo.InvariantCulture);
        _drive.ToolView?.Observe();
        await HmiDriveWork.AnswerAsync(_drive, _chat, _by, id, question, output, OnEvent, cancellation);
    }

    private void Post(Func<ValueTask> work)
    {
        _work.Enqueue(work);
        Clock.Wake();
    }

    private async ValueTask RunWorkAsync()
    {
        while (_work.TryDequeue(out var work)) await work();
    }

    private void PublishContext()
    {
        var snapshot = _drive.Context.Snapshot();
        Volatile.Write(ref _state, ContextJson.Keys(snapshot));
        _hub.Publish(ContextJson.EventLine(snapshot, Math.Round(_drive.Seconds, 3)));
    }

    private void PublishLight()
    {
        var light = _drive.Moment.Light;
        string kind = light is null ? "none" : LightJson.Colour(light.Prediction.State);
        string key = light is null ? kind : string.Create(CultureInfo.InvariantCulture,
            $"{kind}/{LightJson.Whole(light.Prediction.TimeToGreenS)}/{LightJson.Whole(light.Prediction.TimeToRedS)}/{light.ShowCountdown}/{light.Ahead.Intersection.Id}");
        if (key == _lightKey) return;
        _lightKey = key;
        _hub.Publish(LightJson.Line(_drive.Moment.NowNs, _drive.Moment.DriveSeconds, light));
    }

    private void PublishRoute()
    {
        if (_drive.Trip is not { } trip || trip.PlannedNs == _routePlannedNs && ReferenceEquals(trip.Charger, _routeCharger)) return;
        _routePlannedNs = trip.PlannedNs;
        _routeCharger = trip.Charger;
        if (RouteGeoJson.Build(trip, _drive.Context.Read(ContextKeys.Heading) is { IsValid: true } h ? h.Value : null) is not { } route) return;
        Volatile.Write(ref _route, route);
        string id = "r" + (++_routes).ToString(CultureInfo.InvariantCulture);
        _hub.Publish(EventEnvelope.Line(json =>
        {
            EventEnvelope.Start(json, _drive.Moment.NowNs == 0 ? _drive.Context.LatestNs : _drive.Moment.NowNs, "route", trip.Charger is { Reached: false } ? "via_charger" : "direct", id);
            json.WriteNumber("at_s", Math.Round(_drive.Seconds, 3));
            if (trip.Charger is { } stop) json.WriteString("charger", stop.Name);
        }));
    }
}
