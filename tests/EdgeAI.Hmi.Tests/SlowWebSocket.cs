using System.Net.Sockets;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;

namespace EdgeAI.Hmi.Tests;

/// <summary>
/// A WebSocket client that stops reading: its TCP receive buffer is set small before connecting (which also stops the
/// kernel growing it), the upgrade is done by hand, and nothing is read until <see cref="ReadUntilClosedAsync"/>.
/// </summary>
internal sealed class SlowWebSocket : IDisposable
{
    private readonly Socket _socket;
    private readonly WebSocket _webSocket;

    private SlowWebSocket(Socket socket, WebSocket webSocket)
    {
        _socket = socket;
        _webSocket = webSocket;
    }

    public static async Task<SlowWebSocket> ConnectAsync(Uri server, string token)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 4096 };
        await socket.ConnectAsync(server.Host, server.Port);
        var stream = new NetworkStream(socket, ownsSocket: false);
        string key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        string request = $"GET /api/events HTTP/1.1\r\nHost: {server.Authority}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
            $"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: edgeai.v1, edgeai.token.{token}\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        // The response head, byte by byte, so that no frame after it is swallowed.
        var head = new StringBuilder();
        var one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await stream.ReadAsync(one) == 0) throw new IOException("the server closed during the upgrade: " + head);
            head.Append((char)one[0]);
        }
        Assert.StartsWith("HTTP/1.1 101", head.ToString());
        var webSocket = WebSocket.CreateFromStream(stream, new WebSocketCreationOptions { IsServer = false, SubProtocol = "edgeai.v1", KeepAliveInterval = TimeSpan.Zero });
        return new SlowWebSocket(socket, webSocket);
    }

    /// <summary>Reads everything the server still sends; the messages, and the close status and reason.</summary>
    public async Task<(List<string> Messages, WebSocketCloseStatus? Status, string? Reason)> ReadUntilClosedAsync(TimeSpan patience)
    {
        using var limit = new CancellationTokenSource(patience);
        var messages = new List<string>();
        var buffer = new byte[1 << 16];
        var message = new MemoryStream();
        while (true)
        {
            var result = await _webSocket.ReceiveAsync(buffer, limit.Token);
            if (result.MessageType == WebSocketMessageType.Close) return (messages, result.CloseStatus, result.CloseStatusDescription);
            message.Write(buffer, 0, result.Count);
            if (!result.EndOfMessage) continue;
            messages.Add(Encoding.UTF8.GetString(message.ToArray()));
            message.SetLength(0);
        }
    }

    public void Dispose()
    {
        _webSocket.Dispose();
        _socket.Dispose();
    }
}
