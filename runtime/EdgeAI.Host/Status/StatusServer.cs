using System.Net.Sockets;
using System.Text;
using EdgeAI.Host.Health;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeAI.Host.Status;

/// <summary>
/// Serves the host's health report on a local Unix socket (mode 0600 in the state folder): a client connects and reads
/// one JSON line (<c>edgeai status</c>). Nothing else listens; nothing is read from the client.
/// </summary>
public sealed class StatusServer(string path, PipelineHealth health, ILogger<StatusServer> logger) : BackgroundService
{
    /// <summary>The socket's file name in the state folder.</summary>
    public const string FileName = "edgeai.sock";

    /// <summary>The socket's path.</summary>
    public string Path { get; } = path;

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (File.Exists(Path)) File.Delete(Path);
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(Path));
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(Path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        listener.Listen(8);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                using var client = await listener.AcceptAsync(stoppingToken);
                try
                {
                    await client.SendAsync(Encoding.UTF8.GetBytes(health.Json() + "\n"), SocketFlags.None, stoppingToken);
                    client.Shutdown(SocketShutdown.Both);
                }
                catch (SocketException e)
                {
                    logger.LogDebug("status client went away: {Message}", e.Message);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown.
        }
        finally
        {
            try { File.Delete(Path); } catch (IOException) { /* gone already */ }
        }
    }

    /// <summary>Reads one report from the socket at <paramref name="path"/>.</summary>
    /// <exception cref="IOException">no host answers there (one line naming the path).</exception>
    public static async Task<string> ReadAsync(string path, TimeSpan timeout, CancellationToken cancellation = default)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        limit.CancelAfter(timeout);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), limit.Token);
            var text = new StringBuilder();
            var buffer = new byte[8192];
            int n;
            while ((n = await socket.ReceiveAsync(buffer, SocketFlags.None, limit.Token)) > 0) text.Append(Encoding.UTF8.GetString(buffer, 0, n));
            return text.ToString().TrimEnd('\n');
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException && !cancellation.IsCancellationRequested)
        {
            throw new IOException($"{path}: no edgeai host answers there ({(e is SocketException s ? s.SocketErrorCode.ToString() : "timed out")}); is 'edgeai run' running with this state folder?", e);
        }
    }
}
