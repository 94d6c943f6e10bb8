using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;

namespace EdgeAI.Hmi.Tests;

/// <summary>
/// A WebSocket client of <c>/api/events</c> that reads every message as it comes, noting when each arrived: on the
/// test's <see cref="Stopwatch"/> and on the wall clock (Unix ms, the clock a page's <c>performance.timeOrigin</c> counts
/// from), so a page's paint can be set against an event's arrival on loopback.
/// </summary>
internal sealed class EventReader : IDisposable
{
    private readonly ClientWebSocket _socket;
    private readonly List<string> _lines = [];
    private readonly List<TimeSpan> _at = [];
    private readonly List<double> _wallMs = [];

    private EventReader(ClientWebSocket socket) => _socket = socket;

    /// <summary>The messages so far, in order.</summary>
    public List<string> Lines { get { lock (_lines) return [.. _lines]; } }

    /// <summary>When each arrived, on the test's stopwatch.</summary>
    public List<TimeSpan> At { get { lock (_lines) return [.. _at]; } }

    /// <summary>When each arrived, in ms since the Unix epoch.</summary>
    public List<double> WallMs { get { lock (_lines) return [.. _wallMs]; } }

    /// <summary>Messages so far.</summary>
    public int Count { get { lock (_lines) return _lines.Count; } }

    /// <summary>Why the stream closed, or null while it is open.</summary>
    public string? Closed { get; private set; }

    /// <summary>Connects with the token as a subprotocol and starts reading.</summary>
    public static async Task<EventReader> ConnectAsync(DemoServer server, Stopwatch clock, CancellationToken ct)
    {
        var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol("edgeai.v1");
        socket.Options.AddSubProtocol("edgeai.token." + server.Token);
        await socket.ConnectAsync(HmiSecurityTests.WebSocketUri(server), ct);
        var reader = new EventReader(socket);
        _ = Task.Run(() => reader.ReadAsync(clock), ct);
        return reader;
    }

    private async Task ReadAsync(Stopwatch clock)
    {
        var buffer = new byte[1 << 16];
        var message = new MemoryStream();
        try
        {
            while (true)
            {
                var result = await _socket.ReceiveAsync(buffer, CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close) { Closed = result.CloseStatusDescription ?? "closed"; return; }
                message.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage) continue;
                double wall = (DateTime.UtcNow - DateTime.UnixEpoch).TotalMilliseconds;
                string line = Encoding.UTF8.GetString(message.ToArray());
                message.SetLength(0);
                lock (_lines) { _lines.Add(line); _at.Add(clock.Elapsed); _wallMs.Add(wall); }
            }
        }
        catch (Exception e) when (e is WebSocketException or ObjectDisposedException or OperationCanceledException)
        {
            Closed ??= e.Message;
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _socket.Dispose();
}
