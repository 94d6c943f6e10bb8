using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace EdgeAI.Host.Hmi;

/// <summary>
/// The HMI's web server (Kestrel, minimal APIs, built with <c>CreateSlimBuilder</c> so it runs under Native AOT): the
/// API of docs/hmi.md and the cockpit page, on loopback (or a Unix socket) by default, every request with the token
/// (<see cref="HmiAccess"/>), with rate, size and time limits.
/// </summary>
public sealed class HmiServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private HmiServer(WebApplication app, HmiAccess access, EventHub hub, string token, string url, string? oneTime)
    {
        _app = app;
        Access = access;
        Hub = hub;
        Token = token;
        Url = url;
        PageUrl = oneTime is null ? url + "/" : $"{url}/?{HmiAccess.OneTimeParameter}={oneTime}";
    }

    /// <summary>Who may use it.</summary>
    public HmiAccess Access { get; }

    /// <summary>The event stream's fan-out.</summary>
    public EventHub Hub { get; }

    /// <summary>The token (also in the state folder's <see cref="HmiToken.FileName"/>).</summary>
    public string Token { get; }

    /// <summary>Where it listens: <c>http://127.0.0.1:PORT</c>, or <c>unix:PATH</c>.</summary>
    public string Url { get; }

    /// <summary>The page with its one-time token: opening it once sets the browser's cookie.</summary>
    public string PageUrl { get; }

    /// <summary>Starts serving <paramref name="source"/> and <paramref name="hub"/>'s events as <paramref name="options"/> say.</summary>
    /// <exception cref="IOException">the address cannot be bound (one line naming it).</exception>
    public static async Task<HmiServer> StartAsync(HmiOptions options, IHmiSource source, EventHub hub, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(hub);
        string token = HmiToken.LoadOrCreate(options.StateFolder);
        if (options.UnixSocket is null && !IPAddress.TryParse(options.Address, out _))
            throw new InvalidDataException($"Run:ServeAddress: expected an IP address such as 127.0.0.1, found '{options.Address}'");
        var address = options.UnixSocket is null ? IPAddress.Parse(options.Address) : IPAddress.Loopback;
        var access = new HmiAccess(token, options.AllowedOrigins) { UnixSocket = options.UnixSocket is not null, AnyHost = !IPAddress.IsLoopback(address) };

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ApplicationName = "edgeai-hmi", ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; });
        builder.Logging.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // A failed start (the port taken) is reported once, in one line, by the caller: not as the host's stack trace.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.None);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = options.MaxBodyBytes;
            k.Limits.MaxRequestHeadersTotalSize = 16 * 1024;
            k.Limits.MaxRequestLineSize = 4 * 1024;
            k.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(10);
            k.Limits.KeepAliveTimeout = TimeSpan.FromSeconds(60);
            k.Limits.MaxConcurrentConnections = 256;
            if (options.UnixSocket is { } socket)
            {
                if (File.Exists(socket)) File.Delete(socket);
                k.ListenUnixSocket(socket);
            }
            else k.Listen(address, options.Port);
        });
        // Accepted sockets inherit the listener's send buffer: a fixed 64 KiB (no autotuning to megabytes) bounds what a
        // stalled client holds in the kernel, so its own queue fills and it is dropped (EventHub) instead of hiding there.
        builder.WebHost.UseSockets(s => s.CreateBoundListenSocket = endpoint =>
        {
            var socket = SocketTransportOptions.CreateDefaultBoundListenSocket(endpoint);
            socket.SendBufferSize = 64 * 1024;
            return socket;
        });
        builder.Services.AddRateLimiter(r =>
        {
            r.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(_ => RateLimitPartition.GetTokenBucketLimiter("all", _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = options.RequestsPerSecond * 2,
                TokensPerPeriod = options.RequestsPerSecond,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
            r.OnRejected = (rejected, _) =>
            {
                rejected.HttpContext.Response.Headers.RetryAfter = "1";
                return new ValueTask(HmiProblem.WriteAsync(rejected.HttpContext, StatusCodes.Status429TooManyRequests, "Too many requests",
                    $"more than {options.RequestsPerSecond} requests per second", $"at most {options.RequestsPerSecond} requests per second"));
            };
        });
        builder.Services.AddRequestTimeouts(t =>
        {
            t.DefaultPolicy = new RequestTimeoutPolicy
            {
                Timeout = TimeSpan.FromSeconds(options.RequestTimeoutS),
                WriteTimeoutResponse = context => HmiProblem.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "Timed out",
                    $"the request took over {options.RequestTimeoutS.ToString(CultureInfo.InvariantCulture)} s"),
            };
            t.AddPolicy(HmiEndpoints.AskTimeoutPolicy, TimeSpan.FromSeconds(options.AskTimeoutS));
        });

        var app = builder.Build();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("edgeai.hmi");
        // First, so that the access check below sees a WebSocket request as one (and checks its Origin).
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(15) });
        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers.XFrameOptions = "DENY";
            headers.CacheControl = "no-store";
            try
            {
                if (await access.AdmitAsync(context).ConfigureAwait(false)) await next(context).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !context.RequestAborted.IsCancellationRequested)
            {
                // Never a stack trace to the client: the log has it.
                logger.LogError(e, "hmi: {Method} {Path} failed", context.Request.Method, context.Request.Path);
                await HmiProblem.WriteAsync(context, StatusCodes.Status500InternalServerError, "Internal error",
                    $"the host could not serve this request ({e.GetType().Name}); its log has the details").ConfigureAwait(false);
            }
        });
        app.UseRouting();
        app.UseRateLimiter();
        app.UseRequestTimeouts();
        HmiEndpoints.Map(app, source, hub, options, HmiAssets.Load(), logger);

        try
        {
            await app.StartAsync(cancellation).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            await app.DisposeAsync().ConfigureAwait(false);
            string where = options.UnixSocket ?? $"{options.Address}:{options.Port}";
            throw new IOException($"the HMI cannot listen on {where}: {e.Message.ReplaceLineEndings(" ")}", e);
        }
        string url;
        if (options.UnixSocket is { } path)
        {
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            url = "unix:" + path;
        }
        else
        {
            string bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            access.Port = new Uri(bound).Port;
            url = $"http://{(address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString())}:{access.Port.ToString(CultureInfo.InvariantCulture)}";
        }
        return new HmiServer(app, access, hub, token, url, access.OneTime);
    }

    /// <summary>Stops: the event streams end, then the server.</summary>
    public async ValueTask DisposeAsync()
    {
        Hub.Close();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        try { await _app.StopAsync(limit.Token).ConfigureAwait(false); }
        catch (OperationCanceledException) { /* connections cut */ }
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
