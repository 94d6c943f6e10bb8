using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeAI.Host.Hmi;

/// <summary>
/// Fans the drive's v1 event lines out to the HMI's clients (<c>GET /api/events</c>). <see cref="Publish(string)"/> never
/// waits: each client has its own bounded queue, and a client whose queue is full is dropped with a reason instead of
/// holding up the drive or the other clients. A new client first gets the recent timeline (and the latest context),
/// so a page opened mid-drive shows the card that is up.
/// </summary>
public sealed class EventHub(ILogger? logger = null)
{
    /// <summary>Events a client may have waiting before it is dropped.</summary>
    public const int DefaultCapacity = 256;

    /// <summary>Timeline events kept for clients that join later.</summary>
    public const int HistoryLength = 200;

    private readonly object _gate = new();
    private readonly List<EventClient> _clients = [];
    private readonly Queue<ReadOnlyMemory<byte>> _history = new();
    private readonly ILogger _logger = logger ?? NullLogger.Instance;
    private ReadOnlyMemory<byte> _lastContext;
    private long _published, _dropped;
    private bool _closed;

    /// <summary>Clients connected now.</summary>
    public int Clients { get { lock (_gate) return _clients.Count; } }

    /// <summary>Events published so far.</summary>
    public long Published => Interlocked.Read(ref _published);

    /// <summary>Clients dropped for not keeping up.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>A new client with a queue of <paramref name="capacity"/> events, given the recent timeline first.</summary>
    public EventClient Subscribe(string name, int capacity = DefaultCapacity)
    {
        if (capacity < HistoryLength + 2) throw new ArgumentOutOfRangeException(nameof(capacity), capacity, $"expected at least {HistoryLength + 2} (the history is sent first)");
        var client = new EventClient(capacity, name);
        lock (_gate)
        {
            foreach (var line in _history) client.TryWrite(line);
            if (!_lastContext.IsEmpty) client.TryWrite(_lastContext);
            if (_closed) client.Close();
            else _clients.Add(client);
        }
        return client;
    }

    /// <summary>Forgets <paramref name="client"/> (it went away).</summary>
    public void Unsubscribe(EventClient client)
    {
        lock (_gate) _clients.Remove(client);
    }

    /// <summary>Hands one event line (a v1 JSON object, no newline) to every client without waiting.</summary>
    public void Publish(string line) => Publish(Encoding.UTF8.GetBytes(line), line.Contains("\"type\":\"context\"", StringComparison.Ordinal));

    /// <summary>As <see cref="Publish(string)"/>, the line already encoded; <paramref name="isContext"/> keeps it out of
    /// the history (only the latest context is replayed).</summary>
    public void Publish(ReadOnlyMemory<byte> line, bool isContext)
    {
        List<EventClient>? slow = null;
        lock (_gate)
        {
            if (_closed) return;
            _published++;
            if (isContext) _lastContext = line;
            else
            {
                _history.Enqueue(line);
                if (_history.Count > HistoryLength) _history.Dequeue();
            }
            foreach (var client in _clients)
                if (!client.TryWrite(line)) (slow ??= []).Add(client);
            if (slow is not null) foreach (var client in slow) _clients.Remove(client);
        }
        if (slow is null) return;
        foreach (var client in slow)
        {
            Interlocked.Increment(ref _dropped);
            client.Drop($"slow client: {client.Capacity} events waiting unread; reconnect to resume");
            _logger.LogWarning("hmi: dropped {Client}: {Capacity} events waiting unread", client.Name, client.Capacity);
        }
    }

    /// <summary>No more events: every client's queue is completed (they get what is queued, then the end).</summary>
    public void Close()
    {
        lock (_gate)
        {
            _closed = true;
            foreach (var client in _clients) client.Close();
            _clients.Clear();
        }
    }
}
