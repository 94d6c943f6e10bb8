using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using EdgeAI.TestKit;

namespace EdgeAI.Hmi.Tests;

/// <summary><c>edgeai run --serve</c> on a Unix socket (<c>Run:ServeSocket</c>), as a head unit on the same board uses it.</summary>
[Trait("Category", "Hmi")]
public sealed class RunServeTests
{
    [Fact]
    public async Task RunServe_OnAUnixSocket_StreamsTheHostsEvents_AnswersQuestions_HasNoClock()
    {
        using var dir = new TempDirectory();
        await using var host = await ServedHost.StartAsync(dir, "--speed", "5", "--Run:ServeRequestsPerSecond=20");
        var http = host.Http;
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(host.Socket));
        string token = host.Token;
        using (var anonymous = await http.GetAsync("/api/health")) Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using (var health = await http.GetAsync("/api/health")) Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        using (var noClock = await http.PostAsync("/api/clock", new StringContent("{\"action\":\"pause\"}", Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.Conflict, noClock.StatusCode);
            Assert.Equal("application/problem+json", noClock.Content.Headers.ContentType?.MediaType);
        }

        // The host's own event lines, as server-sent events.
        using (var events = await http.GetAsync("/api/events", HttpCompletionOption.ResponseHeadersRead))
        {
            using var reader = new StreamReader(await events.Content.ReadAsStreamAsync());
            string? line;
            while ((line = await reader.ReadLineAsync()) is not null && !line.Contains("\"type\":\"drive\"", StringComparison.Ordinal)) { }
            Assert.NotNull(line);
            Assert.StartsWith("data: {\"v\":1,", line);
        }

        // A question is answered on the assistant's thread at its next tick, streamed as chat --json lines.
        using var ask = await http.PostAsync("/api/ask", new StringContent("{\"text\":\"Where can I charge?\"}", Encoding.UTF8, "application/json"));
        string answer = await ask.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, ask.StatusCode);
        Assert.Contains("{\"type\":\"tool_call\",\"name\":\"find_places\"", answer);
        Assert.Contains("{\"type\":\"token\"", answer);
        Assert.Contains("{\"type\":\"done\"", answer);

        // Rate limit: 20 requests a second, a burst of 40; 200 at once cannot all pass.
        var burst = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => http.GetAsync("/api/health")));
        var refused = burst.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.NotEmpty(refused);
        Assert.Equal("application/problem+json", refused[0].Content.Headers.ContentType?.MediaType);
        Assert.True(refused[0].Headers.Contains("Retry-After"));
        foreach (var r in burst) r.Dispose();

        await host.DisposeAsync();
        Assert.False(File.Exists(host.Socket), "the socket is left behind");
    }

    [Fact]
    public async Task RunServe_AfterTheReplayEnded_QuestionsAndDismissalsAreStillDone()
    {
        using var dir = new TempDirectory();
        await using var host = await ServedHost.StartAsync(dir, "--speed", "max");
        host.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", host.Token);
        // No --exit-at-end: the host stays up once the log has been replayed, and no snapshot comes any more.
        var clock = Stopwatch.StartNew();
        while (!(await host.Http.GetStringAsync("/api/health")).Contains("{\"name\":\"can\",\"state\":\"ended\"", StringComparison.Ordinal))
        {
            Assert.True(clock.Elapsed < DemoServer.Patience, "the replay did not end: " + host.StdErr);
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
        await Task.Delay(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);

        using var ask = await host.Http.PostAsync("/api/ask", new StringContent("{\"text\":\"How far can I drive?\"}", Encoding.UTF8, "application/json"));
        string answer = await ask.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, ask.StatusCode);
        Assert.Contains("{\"type\":\"token\"", answer);
        Assert.Contains("{\"type\":\"done\"", answer);

        // Nothing is shown at the end of the drive: a dismissal is answered at once, not left to time out.
        using var dismiss = await host.Http.PostAsync("/api/suggestions/s999/dismiss", null);
        Assert.Equal(HttpStatusCode.NotFound, dismiss.StatusCode);
        Assert.Equal("application/problem+json", dismiss.Content.Headers.ContentType?.MediaType);
    }

    /// <summary><c>edgeai run --serve</c> (JIT build) with its HMI on a Unix socket in the state folder; stopped with
    /// SIGTERM on dispose, which must remove the socket.</summary>
    private sealed class ServedHost : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly StringBuilder _stderr = new();
        private bool _disposed;

        private ServedHost(Process process, string state)
        {
            _process = process;
            State = state;
            Socket = Path.Combine(state, "hmi.sock");
            Http = new HttpClient(new SocketsHttpHandler
            {
                ConnectCallback = async (_, ct) =>
                {
                    var s = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                    await s.ConnectAsync(new UnixDomainSocketEndPoint(Socket), ct);
                    return new NetworkStream(s, ownsSocket: true);
                },
            }) { BaseAddress = new Uri("http://localhost"), Timeout = DemoServer.Patience };
        }

        public string State { get; }

        public string Socket { get; }

        public HttpClient Http { get; }

        public string Token => File.ReadAllText(Path.Combine(State, "hmi.token")).Trim();

        public string StdErr { get { lock (_stderr) return _stderr.ToString(); } }

        public static async Task<ServedHost> StartAsync(TempDirectory dir, params string[] more)
        {
            string state = dir.File("state");
            var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "edgeai.dll"), "run", "--state", state, "--no-vision", "--templates",
                "--events", "none", "--serve", "0", "--Run:ServeSocket=" + Path.Combine(state, "hmi.sock") }.Concat(more)) info.ArgumentList.Add(a);
            var host = new ServedHost(Process.Start(info)!, state);
            _ = Task.Run(async () => { while (await host._process.StandardError.ReadLineAsync() is { } line) lock (host._stderr) host._stderr.AppendLine(line); });
            _ = Task.Run(async () => { while (await host._process.StandardOutput.ReadLineAsync() is not null) { } });
            var clock = Stopwatch.StartNew();
            while (!(File.Exists(host.Socket) && File.Exists(Path.Combine(state, "hmi.token")) && host.StdErr.Contains("the cockpit is at")))
            {
                if (host._process.HasExited || clock.Elapsed > DemoServer.Patience)
                {
                    await host.DisposeAsync();
                    Assert.Fail("no HMI socket: " + host.StdErr);
                }
                await Task.Delay(100, TestContext.Current.CancellationToken);
            }
            return host;
        }

        public async ValueTask DisposeAsync()
        {
            if (_disposed) return;
            _disposed = true;
            Http.Dispose();
            if (!_process.HasExited)
            {
                Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();
                using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                try { await _process.WaitForExitAsync(limit.Token); } catch (OperationCanceledException) { _process.Kill(entireProcessTree: true); }
            }
            _process.Dispose();
        }
    }
}
