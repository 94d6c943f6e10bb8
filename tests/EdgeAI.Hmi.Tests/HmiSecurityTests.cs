using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using EdgeAI.TestKit;

namespace EdgeAI.Hmi.Tests;

/// <summary>The HMI's transport against the real server on a loopback port: tokens, origins, bad input.</summary>
[Trait("Category", "Hmi")]
public sealed class HmiSecurityTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Requests_WithoutOrWithAWrongToken_Get401ProblemJson()
    {
        using var dir = new TempDirectory();
        await using var server = await DemoServer.StartAsync(dir);
        using var anonymous = new HttpClient { BaseAddress = server.BaseUrl };
        foreach (string path in new[] { "/", "/api/state", "/api/route", "/api/health", "/api/events", "/openapi.json", "/app/app.js" })
        {
            using var response = await anonymous.GetAsync(path);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            Assert.Contains("Bearer", problem.GetProperty("expected").GetString());
        }
        anonymous.DefaultRequestHeaders.Authorization = new("Bearer", server.Token[..^2] + "xx");
        using (var wrong = await anonymous.GetAsync("/api/health")) Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        using (var post = await anonymous.PostAsync("/api/clock", new StringContent("{\"action\":\"resume\"}", Encoding.UTF8, "application/json")))
            Assert.Equal(HttpStatusCode.Unauthorized, post.StatusCode);

        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.AddSubProtocol("edgeai.v1");
        await Assert.ThrowsAnyAsync<WebSocketException>(() => socket.ConnectAsync(WebSocketUri(server), TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.Unauthorized, socket.HttpStatusCode);

        // The token file is the owner's alone.
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(server.State, "hmi.token")));
        using var ok = await server.Http.GetAsync("/api/health");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }

    [Fact]
    public async Task OneTimeLink_SetsTheCookieOnce_ThenIsRefused()
    {
        using var dir = new TempDirectory();
        await using var server = await DemoServer.StartAsync(dir);
        var cookies = new CookieContainer();
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = server.BaseUrl };
        using (var first = await browser.GetAsync(server.PageUrl))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            Assert.Contains("<html", await first.Content.ReadAsStringAsync());
        }
        var cookie = Assert.Single(cookies.GetCookies(server.BaseUrl));
        Assert.True(cookie.HttpOnly);
        using (var api = await browser.GetAsync("/api/health")) Assert.Equal(HttpStatusCode.OK, api.StatusCode);

        using var other = new HttpClient { BaseAddress = server.BaseUrl };
        using var again = await other.GetAsync(server.PageUrl);
        Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);
        Assert.Contains("used already", await again.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ForeignOrigin_IsRefusedForWebSocketsAndPosts_OwnOriginIsTaken()
    {
        using var dir = new TempDirectory();
        await using var server = await DemoServer.StartAsync(dir);
        var ct = TestContext.Current.CancellationToken;

        using (var foreign = NewSocket(server, origin: "http://evil.example"))
        {
            await Assert.ThrowsAnyAsync<WebSocketException>(() => foreign.ConnectAsync(WebSocketUri(server), ct));
            Assert.Equal(HttpStatusCode.Forbidden, foreign.HttpStatusCode);
        }
        using (var sameHostOtherPort = NewSocket(server, origin: $"http://127.0.0.1:{server.BaseUrl.Port + 1}"))
        {
            await Assert.ThrowsAnyAsync<WebSocketException>(() => sameHostOtherPort.ConnectAsync(WebSocketUri(server), ct));
            Assert.Equal(HttpStatusCode.Forbidden, sameHostOtherPort.HttpStatusCode);
        }
        using (var own = NewSocket(server, origin: server.BaseUrl.GetLeftPart(UriPartial.Authority)))
        {
            await own.ConnectAsync(WebSocketUri(server), ct);
            Assert.Equal("edgeai.v1", own.SubProtocol);
        }

        using var post = new HttpRequestMessage(HttpMethod.Post, "/api/clock") { Content = new StringContent("{\"action\":\"resume\"}", Encoding.UTF8, "application/json") };
        post.Headers.Add("Origin", "http://evil.example");
        using var refused = await server.Http.SendAsync(post, ct);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);

        // DNS rebinding: a page on another name that resolves here still names its own host.
        using var rebound = new HttpRequestMessage(HttpMethod.Get, "/api/health");
        rebound.Headers.Host = "attacker.example";
        using var misdirected = await server.Http.SendAsync(rebound, ct);
        Assert.Equal(HttpStatusCode.MisdirectedRequest, misdirected.StatusCode);
    }

    [Fact]
    public async Task FuzzedJsonBodies_Get400ProblemJsonNamingWhatWasExpected()
    {
        using var dir = new TempDirectory();
        await using var server = await DemoServer.StartAsync(dir);
        var ct = TestContext.Current.CancellationToken;
        var bodies = new List<(string Path, byte[] Body)>();
        string[] valid = ["{\"text\":\"Where can I charge?\"}", "{\"action\":\"step\",\"seconds\":1}", "{\"action\":\"speed\",\"speed\":2}"];
        string[] paths = ["/api/ask", "/api/clock", "/api/clock"];
        for (int i = 0; i < valid.Length; i++)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(valid[i]);
            // Every strict prefix of a JSON object is broken JSON.
            for (int n = 0; n < bytes.Length; n++) bodies.Add((paths[i], bytes[..n]));
        }
        // Wrong shapes and types.
        foreach (string body in new[]
        {
            "[]", "null", "42", "\"text\"", "{}", "{\"text\":null}", "{\"text\":42}", "{\"text\":[\"a\"]}", "{\"text\":{}}", "{\"text\":\"\"}",
            "{\"text\":\"   \"}", "{\"text\":\"" + new string('a', 501) + "\"}", "{\"text\":\"a\"} trailing", "{\"text\":\"a\",}", "{'text':'a'}",
            new string('[', 200) + new string(']', 200), "{\"a\":" + string.Concat(Enumerable.Repeat("{\"a\":", 40)) + "1" + new string('}', 41),
        }) bodies.Add(("/api/ask", Encoding.UTF8.GetBytes(body)));
        foreach (string body in new[]
        {
            "{}", "{\"action\":\"jump\"}", "{\"action\":5}", "{\"action\":\"step\"}", "{\"action\":\"step\",\"seconds\":0}", "{\"action\":\"step\",\"seconds\":-3}",
            "{\"action\":\"step\",\"seconds\":\"5\"}", "{\"action\":\"step\",\"seconds\":1e9}", "{\"action\":\"speed\",\"speed\":0}", "{\"action\":\"speed\",\"speed\":\"fast\"}",
            "{\"action\":\"speed\",\"speed\":1e6}", "{\"action\":\"speed\"}",
        }) bodies.Add(("/api/clock", Encoding.UTF8.GetBytes(body)));
        // Invalid UTF-8 inside a string, and seeded random bytes (kept only where System.Text.Json refuses them too).
        bodies.Add(("/api/ask", [.. "{\"text\":\""u8, 0xFF, 0xFE, .. "\"}"u8]));
        var random = new Random(18);
        for (int i = 0; i < 150; i++)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(valid[i % valid.Length]);
            int at = random.Next(bytes.Length);
            bytes[at] = (byte)random.Next(256);
            if (IsJson(bytes)) continue;
            bodies.Add((paths[i % valid.Length], bytes));
        }

        int checkedBodies = 0;
        foreach (var (path, body) in bodies)
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new("application/json");
            using var response = await server.Http.PostAsync(path, content, ct);
            string text = await response.Content.ReadAsStringAsync(ct);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{path} {Encoding.UTF8.GetString(body)}: {(int)response.StatusCode} {text}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = JsonDocument.Parse(text).RootElement;
            Assert.Equal(400, problem.GetProperty("status").GetInt32());
            Assert.False(string.IsNullOrEmpty(problem.GetProperty("expected").GetString()));
            Assert.DoesNotContain("   at ", text);
            Assert.DoesNotContain("Exception", text);
            checkedBodies++;
        }
        output.WriteLine($"{checkedBodies} bad bodies, each 400 problem+json");

        // Not JSON at all, too large, unknown paths and suggestions: their own statuses, still problem+json.
        await ExpectProblem(server, "/api/ask", new StringContent("text=hi", Encoding.UTF8, "application/x-www-form-urlencoded"), HttpStatusCode.UnsupportedMediaType);
        await ExpectProblem(server, "/api/ask", new StringContent("{\"text\":\"" + new string('a', 20_000) + "\"}", Encoding.UTF8, "application/json"), HttpStatusCode.RequestEntityTooLarge);
        await ExpectProblem(server, "/api/suggestions/s999/accept", null, HttpStatusCode.NotFound);
        await ExpectProblem(server, "/api/suggestions/s1/launch", null, HttpStatusCode.NotFound);
        await ExpectProblem(server, "/api/suggestions/s1/alt:", null, HttpStatusCode.NotFound);
        await ExpectProblem(server, "/api/suggestions/s1/alt:a%20b", null, HttpStatusCode.NotFound);
        await ExpectProblem(server, "/api/suggestions/s1/alt:gen-charger-04", null, HttpStatusCode.NotFound);
        using var health = await server.Http.GetAsync("/api/health", ct);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    private static async Task ExpectProblem(DemoServer server, string path, HttpContent? content, HttpStatusCode status)
    {
        using var response = await server.Http.PostAsync(path, content);
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private static bool IsJson(byte[] bytes)
    {
        try { using var _ = JsonDocument.Parse(bytes); return true; }
        catch (JsonException) { return false; }
        catch (ArgumentException) { return false; }
    }

    internal static Uri WebSocketUri(DemoServer server) => new($"ws://{server.BaseUrl.Authority}/api/events");

    private static ClientWebSocket NewSocket(DemoServer server, string origin)
    {
        var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.AddSubProtocol("edgeai.v1");
        socket.Options.AddSubProtocol("edgeai.token." + server.Token);
        socket.Options.SetRequestHeader("Origin", origin);
        return socket;
    }
}
