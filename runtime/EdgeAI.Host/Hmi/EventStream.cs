using System.Net.WebSockets;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace EdgeAI.Host.Hmi;

/// <summary>
/// <c>GET /api/events</c>: the hub's v1 event lines to one client, as WebSocket text messages (one event each) or, for
/// clients without WebSockets, as server-sent events. A client the hub drops gets the reason: the WebSocket close
/// status 1008 with it, or a last SSE <c>dropped</c> event.
/// </summary>
internal static class EventStream
{
    // How long a dropped client has to take the rest of what was sent and the close (it may be reading again by then).
    private static readonly TimeSpan CloseGrace = TimeSpan.FromSeconds(30);

    public static async Task WebSocketAsync(HttpContext context, EventHub hub, int capacity, ILogger logger)
    {
        bool offered = false;
        foreach (var value in context.Request.Headers.SecWebSocketProtocol)
            if (value is not null && value.Split(',', StringSplitOptions.TrimEntries).Contains(HmiAccess.Subprotocol)) offered = true;
        using var socket = await context.WebSockets.AcceptWebSocketAsync(offered ? HmiAccess.Subprotocol : null).ConfigureAwait(false);
        var client = hub.Subscribe($"websocket {context.Connection.RemoteIpAddress}:{context.Connection.RemotePort}", capacity);
        using var gone = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        var receiving = ReceiveUntilClosedAsync(socket, gone);
        try
        {
            var reader = client.Reader;
            while (await reader.WaitToReadAsync(gone.Token).ConfigureAwait(false))
            {
                // Once dropped, the rest of the queue is not sent: the close with its reason goes next.
                while (client.DropReason is null && reader.TryRead(out var line))
                    await socket.SendAsync(line, WebSocketMessageType.Text, true, gone.Token).ConfigureAwait(false);
                if (client.DropReason is not null) break;
            }
            string reason = client.DropReason ?? "the host is stopping";
            using var grace = CancellationTokenSource.CreateLinkedTokenSource(gone.Token);
            grace.CancelAfter(CloseGrace);
            await socket.CloseOutputAsync(client.DropReason is null ? WebSocketCloseStatus.EndpointUnavailable : WebSocketCloseStatus.PolicyViolation,
                Truncate(reason), grace.Token).ConfigureAwait(false);
            // The client answers the close once it has read up to it; cutting the connection sooner (a reset) would
            // discard what it has not read yet, the reason included.
            await receiving.WaitAsync(CloseGrace, grace.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or IOException or TimeoutException)
        {
            logger.LogDebug("hmi: {Client} went away: {Message}", client.Name, e.Message);
        }
        finally
        {
            hub.Unsubscribe(client);
            await gone.CancelAsync().ConfigureAwait(false);
            try { await receiving.ConfigureAwait(false); } catch (Exception e) when (e is OperationCanceledException or WebSocketException or IOException) { /* gone */ }
        }
    }

    public static async Task ServerSentAsync(HttpContext context, EventHub hub, int capacity)
    {
        var client = hub.Subscribe($"sse {context.Connection.RemoteIpAddress}:{context.Connection.RemotePort}", capacity);
        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        var body = response.Body;
        byte[] prefix = "data: "u8.ToArray(), end = "\n\n"u8.ToArray();
        try
        {
            await response.StartAsync(context.RequestAborted).ConfigureAwait(false);
            await body.WriteAsync(": edgeai events v1\n\n"u8.ToArray(), context.RequestAborted).ConfigureAwait(false);
            await body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
            var reader = client.Reader;
            while (await reader.WaitToReadAsync(context.RequestAborted).ConfigureAwait(false))
            {
                while (client.DropReason is null && reader.TryRead(out var line))
                {
                    await body.WriteAsync(prefix, context.RequestAborted).ConfigureAwait(false);
                    await body.WriteAsync(line, context.RequestAborted).ConfigureAwait(false);
                    await body.WriteAsync(end, context.RequestAborted).ConfigureAwait(false);
                }
                await body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
                if (client.DropReason is not null) break;
            }
            if (client.DropReason is { } reason)
            {
                await body.WriteAsync(Encoding.UTF8.GetBytes($"event: dropped\ndata: {{\"reason\":\"{reason}\"}}\n\n"), context.RequestAborted).ConfigureAwait(false);
                await body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            // The client went away.
        }
        finally
        {
            hub.Unsubscribe(client);
        }
    }

    // The client sends nothing the host needs; reading is how its close (or its vanishing) is noticed.
    private static async Task ReceiveUntilClosedAsync(WebSocket socket, CancellationTokenSource gone)
    {
        var buffer = new byte[1024];
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var result = await socket.ReceiveAsync(buffer, gone.Token).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close) break;
            }
        }
        finally
        {
            await gone.CancelAsync().ConfigureAwait(false);
        }
    }

    // A close reason is at most 123 bytes of UTF-8.
    private static string Truncate(string reason) => Encoding.UTF8.GetByteCount(reason) <= 123 ? reason : reason[..100];
}
