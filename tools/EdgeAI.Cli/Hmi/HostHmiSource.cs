using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using EdgeAI.Assistant.Drive;
using EdgeAI.Assistant.Engine;
using EdgeAI.Assistant.Suggestions;
using EdgeAI.Events;
using EdgeAI.Fusion.Context;
using EdgeAI.Host.Health;
using EdgeAI.Host.Hmi;
using EdgeAI.Llm.Chat;

namespace EdgeAI.Cli.Hmi;

/// <summary>
/// <c>edgeai run --serve</c>: the production host behind the HMI. Events are the host's own lines (<see cref="HmiEventWriter"/>);
/// the state is the snapshot the assistant works on; actions and questions are posted to the assistant's ticker and
/// done on its thread at its next tick. The clock is real time (a live bus cannot be paused), so there is none.
/// </summary>
internal sealed class HostHmiSource(AssistantDrive drive, SnapshotContextReader reader, PipelineHealth health, EventHub hub, IChatSession chat, bool chatIsModel)
    : IHmiSource, IDisposable
{
    private readonly object _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private string? _route;
    private long _routePlannedNs = long.MinValue;
    private object? _routeCharger;
    private int _questions;

    public HmiClock? Clock => null;

    /// <summary>Publishes the assistant's snapshot as a context event every <paramref name="every"/> (the page's car).</summary>
    public void Start(TimeSpan every, TimeProvider time) => _ = Task.Run(async () =>
    {
        ContextSnapshot? last = null;
        using var timer = new PeriodicTimer(every, time);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                if (reader.Snapshot is not { } snapshot || ReferenceEquals(snapshot, last)) continue;
                last = snapshot;
                hub.Publish(ContextJson.EventLine(snapshot, Math.Round(drive.Moment.DriveSeconds, 3)));
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    });

    public string? StateJson()
    {
        if (reader.Snapshot is not { } snapshot) return null;
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, EventEnvelope.WriterOptions)) ContextJson.WriteKeys(json, snapshot);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public string? RouteJson()
    {
        if (drive.Trip is not { } trip) return null;
        lock (_gate)
        {
            // Rebuilt when the plan or the accepted stop changed (the router serialises its own searches).
            if (_route is null || trip.PlannedNs != _routePlannedNs || !ReferenceEquals(trip.Charger, _routeCharger))
            {
                _routePlannedNs = trip.PlannedNs;
                _routeCharger = trip.Charger;
                double? heading = reader.Snapshot?[ContextKeys.Heading] is { Reading.IsValid: true } h ? h.Reading.Value : null;
                _route = RouteGeoJson.Build(trip, heading);
            }
            return _route;
        }
    }

    public string HealthJson() => health.Json();

    public ValueTask<HmiActOutcome> ActAsync(string suggestionId, string actionId, CancellationToken cancellation)
    {
        var done = new TaskCompletionSource<HmiActOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        drive.Ticker.Post((onEvent, _) =>
        {
            Suggestion? shown = null;
            foreach (var s in drive.Engine.Active) if (s.Id == suggestionId) shown = s;
            string id = actionId switch { "accept" => SuggestionAction.AcceptId, "dismiss" => SuggestionAction.DismissId, _ => actionId };
            bool offered = false;
            if (shown is not null) foreach (var a in shown.Actions) offered |= a.Id == id;
            done.TrySetResult(shown is null ? HmiActOutcome.NotShown : !offered ? HmiActOutcome.NoSuchAction
                : drive.Ticker.Act(suggestionId, id, onEvent) ? HmiActOutcome.Done : HmiActOutcome.NotShown);
            return Task.CompletedTask;
        });
        return new ValueTask<HmiActOutcome>(done.Task.WaitAsync(cancellation));
    }

    public async IAsyncEnumerable<ChatEvent> AskAsync(string text, [EnumeratorCancellation] CancellationToken cancellation)
    {
        var stream = Channel.CreateUnbounded<ChatEvent>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        drive.Ticker.Post(async (onEvent, _) =>
        {
            string id = "h" + Interlocked.Increment(ref _questions).ToString(CultureInfo.InvariantCulture);
            long now = drive.Moment.NowNs;
            double at = drive.Moment.DriveSeconds;
            onEvent(new TimelineEvent(now, at, "question", null, text) { Id = id });
            var answer = new StringBuilder();
            string? reason = null;
            try
            {
                chat.Reset();
                await foreach (var e in chat.SendAsync(text, cancellation))
                {
                    if (e.Kind == ChatEventKind.Token) answer.Append(e.Text);
                    stream.Writer.TryWrite(e);
                }
            }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
            {
                reason = "interrupted";
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                reason = "failed";
                stream.Writer.TryComplete(e);
            }
            stream.Writer.TryComplete();
            onEvent(new TimelineEvent(now, at, "answer", null, answer.ToString().Trim()) { Ref = id, By = chatIsModel ? "model" : "templates", Reason = reason });
        });
        await foreach (var e in stream.Reader.ReadAllAsync(cancellation)) yield return e;
    }

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }
}
