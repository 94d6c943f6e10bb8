using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using EdgeAI.TestKit;

namespace EdgeAI.Hmi.Tests;

/// <summary>
/// <c>edgeai demo --serve 0 --paused</c> as a real process on the bundled drive: the printed one-time URL, the token
/// from its state folder, an HttpClient that carries it, and the clock stepped through <c>POST /api/clock</c>.
/// </summary>
internal sealed partial class DemoServer : IAsyncDisposable
{
    /// <summary>Patience for the host to come up or a step to finish: generous, the CI machine is loaded.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    private readonly Process _process;
    private readonly StringBuilder _stderr = new();
    private readonly TaskCompletionSource<string> _url = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private DemoServer(TempDirectory dir, IEnumerable<string> more)
    {
        State = dir.File("state");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "edgeai.dll"));
        foreach (var a in new[] { "demo", "--serve", "0", "--paused", "--state", State, "--no-vision", "--plain" }.Concat(more)) info.ArgumentList.Add(a);
        _process = Process.Start(info)!;
        _ = Task.Run(async () => { while (await _process.StandardOutput.ReadLineAsync() is not null) { } });
        _ = Task.Run(async () =>
        {
            while (await _process.StandardError.ReadLineAsync() is { } line)
            {
                lock (_stderr) _stderr.AppendLine(line);
                if (UrlLine().Match(line) is { Success: true } m) _url.TrySetResult(m.Groups[1].Value);
            }
            _url.TrySetException(new InvalidOperationException("edgeai demo --serve ended without printing its URL: " + StdErr));
        });
    }

    public string State { get; }

    /// <summary>The host's process id.</summary>
    public int ProcessId => _process.Id;

    /// <summary>CPU seconds (user + system) the host has used so far, from /proc.</summary>
    public double CpuSeconds()
    {
        string stat = File.ReadAllText($"/proc/{_process.Id}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // utime and stime are fields 14 and 15 of stat(5), in clock ticks (100 per second on Linux).
        return (long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture)) / 100.0;
    }

    /// <summary>The printed page URL with its one-time token.</summary>
    public string PageUrl { get; private set; } = "";

    /// <summary>http://127.0.0.1:PORT</summary>
    public Uri BaseUrl { get; private set; } = null!;

    public string Token { get; private set; } = "";

    /// <summary>A client with the token.</summary>
    public HttpClient Http { get; private set; } = null!;

    public string StdErr { get { lock (_stderr) return _stderr.ToString(); } }

    /// <summary>Starts the demo (templates answer unless <paramref name="more"/> names a model) and waits for its URL.</summary>
    public static async Task<DemoServer> StartAsync(TempDirectory dir, params string[] more)
    {
        var server = new DemoServer(dir, more.Length == 0 ? ["--templates"] : more);
        server.PageUrl = await server._url.Task.WaitAsync(Patience);
        var page = new Uri(server.PageUrl);
        server.BaseUrl = new Uri(page.GetLeftPart(UriPartial.Authority));
        server.Token = File.ReadAllText(Path.Combine(server.State, "hmi.token")).Trim();
        server.Http = new HttpClient { BaseAddress = server.BaseUrl, Timeout = Patience };
        server.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", server.Token);
        return server;
    }

    /// <summary>Plays <paramref name="seconds"/> of drive and returns the clock's state once there.</summary>
    public async Task<JsonElement> StepAsync(double seconds) =>
        await ClockAsync($"{{\"action\":\"step\",\"seconds\":{seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}}}");

    public async Task<JsonElement> ClockAsync(string body)
    {
        using var response = await Http.PostAsync("/api/clock", new StringContent(body, Encoding.UTF8, "application/json"));
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST /api/clock {body}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        string text = await Http.GetStringAsync(path);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    [GeneratedRegex(@"the cockpit is at (http://\S+)")]
    private static partial Regex UrlLine();

    public async ValueTask DisposeAsync()
    {
        Http?.Dispose();
        if (!_process.HasExited)
        {
            // Ctrl+C's signal: the host stops its server and exits.
            Process.Start("kill", ["-INT", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try { await _process.WaitForExitAsync(limit.Token); }
            catch (OperationCanceledException) { _process.Kill(entireProcessTree: true); }
        }
        _process.Dispose();
    }
}
