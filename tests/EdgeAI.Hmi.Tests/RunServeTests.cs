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
        string state = dir.File("state"), socket = Path.Combine(state, "hmi.sock");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "edgeai.dll"), "run", "--state", state, "--no-vision", "--templates", "--speed", "5",
            "--events", "none", "--serve", "0", "--Run:ServeSocket=" + socket, "--Run:ServeRequestsPerSecond=20" }) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var stderr = new StringBuilder();
        _ = Task.Run(async () => { while (await process.StandardError.ReadLineAsync() is { } line) lock (stderr) stderr.AppendLine(line); });
        _ = Task.Run(async () => { while (await process.StandardOutput.ReadLineAsync() is not null) { } });
        try
        {
            var clock = Stopwatch.StartNew();
            while (!(File.Exists(socket) && File.Exists(Path.Combine(state, "hmi.token")) && stderr.ToString().Contains("the cockpit is at")))
            {
                Assert.False(process.HasExited, "edgeai run exited: " + stderr);
                Assert.True(clock.Elapsed < DemoServer.Patience, "no HMI socket: " + stderr);
                await Task.Delay(100, TestContext.Current.CancellationToken);
            }
            if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(socket));
            string token = File.ReadAllText(Path.Combine(state, "hmi.token")).Trim();
            using var http = new HttpClient(new SocketsHttpHandler
            {
                ConnectCallback = async (_, ct) =>
                {
                    var s = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                    await s.ConnectAsync(new UnixDomainSocketEndPoint(socket), ct);
                    return new NetworkStream(s, ownsSocket: true);
                },
            }) { BaseAddress = new Uri("http://localhost"), Timeout = DemoServer.Patience };

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
        }
        finally
        {
            if (!process.HasExited)
            {
                Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();
                using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                try { await process.WaitForExitAsync(limit.Token); } catch (OperationCanceledException) { process.Kill(entireProcessTree: true); }
            }
        }
        Assert.False(File.Exists(socket), "the socket is left behind");
    }
}
