using System.Globalization;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using EdgeAI.Assistant.Drive;
using EdgeAI.Assistant.Engine;
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

    public string? StateJson() => reader.Snapshot is { } snapshot ? ContextJson.Keys(snapshot) : null;

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
            done.TrySetResult(HmiDriveWork.Act(drive, suggestionId, actionId, onEvent));
            return Task.CompletedTask;
        });
        return new ValueTask<HmiActOutcome>(done.Task.WaitAsync(cancellation));
    }

    public async IAsyncEnumerable<ChatEvent> AskAsync(string text, [EnumeratorCancellation] CancellationToken cancellation)
    {
        var stream = Channel.CreateUnbounded<ChatEvent>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        string id = "h" + Interlocked.Increment(ref _questions).ToString(CultureInfo.InvariantCulture);
        drive.Ticker.Post((onEvent, _) => HmiDriveWork.AnswerAsync(drive, chat, chatIsModel ? "model" : "templates", id, text, stream.Writer, onEvent, cancellation));
        await foreach (var e in stream.Reader.ReadAllAsync(cancellation)) yield return e;
    }

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }
}
