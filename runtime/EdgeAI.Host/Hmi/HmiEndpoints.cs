using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace EdgeAI.Host.Hmi;

/// <summary>The HMI's routes (docs/hmi.md; the OpenAPI document is <c>/openapi.json</c>).</summary>
internal static class HmiEndpoints
{
    public const string AskTimeoutPolicy = "ask";
    private const string ClockExpected = "{\"action\":\"pause\"|\"resume\"} or {\"action\":\"step\",\"seconds\":N (0 < N <= 3600)} or {\"action\":\"speed\",\"speed\":N (0.1-1000) or \"max\"}";

    public static void Map(WebApplication app, IHmiSource source, EventHub hub, HmiOptions options, HmiAssets assets, ILogger logger)
    {
        var asks = new SemaphoreSlim(2, 2);
        app.MapGet("/", (RequestDelegate)(context => ServeAsset(context, assets, "index.html")));
        app.MapGet("/app/{*file}", (RequestDelegate)(context => ServeAsset(context, assets, (string)context.Request.RouteValues["file"]!)));
        app.MapGet("/openapi.json", (RequestDelegate)(context => ServeAsset(context, assets, "openapi.json")));
        app.MapGet("/api/state", (RequestDelegate)(context => source.StateJson() is { } state ? Json(context, state)
            : HmiProblem.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "No context yet", "the drive has not produced a context snapshot yet; retry shortly")));
        app.MapGet("/api/route", (RequestDelegate)(context => source.RouteJson() is { } route ? Json(context, route, "application/geo+json")
            : HmiProblem.WriteAsync(context, StatusCodes.Status404NotFound, "No route", "this drive has no trip (its scenario names no destination), or no position yet")));
        app.MapGet("/api/health", (RequestDelegate)(context => Json(context, string.Create(CultureInfo.InvariantCulture,
            $"{{\"host\":{source.HealthJson()},\"hmi\":{{\"clients\":{hub.Clients},\"published\":{hub.Published},\"dropped\":{hub.Dropped}}}}}"))));
        app.MapGet("/api/clock", (RequestDelegate)(context => source.Clock is { } clock ? Json(context, clock.Json()) : NoClock(context)));
        // A long step at full speed may take a while: the answer comes once the drive got there.
        app.MapPost("/api/clock", (RequestDelegate)(context => ClockAsync(context, source, options))).WithRequestTimeout(AskTimeoutPolicy);
        app.MapPost("/api/suggestions/{id}/{action}", (RequestDelegate)(context => ActAsync(context, source)));
        app.MapPost("/api/ask", (RequestDelegate)(context => AskAsync(context, source, options, asks))).WithRequestTimeout(AskTimeoutPolicy);
        app.MapGet("/api/events", (RequestDelegate)(context => context.WebSockets.IsWebSocketRequest
            ? EventStream.WebSocketAsync(context, hub, options.QueueCapacity, logger)
            : EventStream.ServerSentAsync(context, hub, options.QueueCapacity))).DisableRequestTimeout();
        app.MapFallback((RequestDelegate)(context => HmiProblem.WriteAsync(context, StatusCodes.Status404NotFound, "Not found",
            $"{context.Request.Method} {context.Request.Path} is not part of this API", "one of the paths in /openapi.json")));
    }

    private static async Task ServeAsset(HttpContext context, HmiAssets assets, string name)
    {
        if (!assets.TryGet(name, out var bytes, out var type, out var etag))
        {
            await HmiProblem.WriteAsync(context, StatusCodes.Status404NotFound, "Not found", $"the page has no file '{name}'").ConfigureAwait(false);
            return;
        }
        var headers = context.Response.Headers;
        headers.ETag = etag;
        headers.CacheControl = "no-cache";
        if (name.EndsWith(".html", StringComparison.Ordinal))
            headers.ContentSecurityPolicy = "default-src 'self'; connect-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'";
        if (context.Request.Headers.IfNoneMatch == etag)
        {
            context.Response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }
        context.Response.ContentType = type;
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
    }

    private static Task Json(HttpContext context, string json, string type = "application/json")
    {
        context.Response.ContentType = type;
        return context.Response.WriteAsync(json, context.RequestAborted);
    }

    private static Task NoClock(HttpContext context) => HmiProblem.WriteAsync(context, StatusCodes.Status409Conflict, "No clock",
        "this host runs in real time (edgeai run): its clock cannot be paused, stepped or sped up", "edgeai demo --serve, whose replay the HMI can pause and step");

    private static async Task ClockAsync(HttpContext context, IHmiSource source, HmiOptions options)
    {
        using var body = await HmiRequestBody.ReadObjectAsync(context, options.MaxBodyBytes, ClockExpected).ConfigureAwait(false);
        if (body is null) return;
        if (source.Clock is not { } clock) { await NoClock(context).ConfigureAwait(false); return; }
        var root = body.RootElement;
        string? action = root.TryGetProperty("action", out var a) && a.ValueKind == JsonValueKind.String ? a.GetString() : null;
        switch (action)
        {
            case "pause":
                clock.Pause();
                break;
            case "resume":
                clock.Resume();
                break;
            case "step":
                if (!root.TryGetProperty("seconds", out var s) || s.ValueKind != JsonValueKind.Number || !s.TryGetDouble(out double seconds) || !(seconds > 0) || seconds > 3600)
                {
                    await BadField(context, "seconds", "a number of seconds of drive above 0 and at most 3600", ClockExpected).ConfigureAwait(false);
                    return;
                }
                // Answers once the drive got there: the caller then sees what those seconds made.
                await clock.StepAsync(seconds).WaitAsync(context.RequestAborted).ConfigureAwait(false);
                break;
            case "speed":
                double speed = double.NaN;
                if (root.TryGetProperty("speed", out var v))
                {
                    if (v.ValueKind == JsonValueKind.String && v.GetString() == "max") speed = double.PositiveInfinity;
                    else if (v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out double f) && f is >= HmiClock.MinSpeed and <= HmiClock.MaxSpeed) speed = f;
                }
                if (double.IsNaN(speed))
                {
                    await BadField(context, "speed", "a factor of real time from 0.1 to 1000, or \"max\"", ClockExpected).ConfigureAwait(false);
                    return;
                }
                clock.SetSpeed(speed);
                break;
            default:
                await BadField(context, "action", "one of pause, resume, step, speed", ClockExpected).ConfigureAwait(false);
                return;
        }
        await Json(context, clock.Json()).ConfigureAwait(false);
    }

    private static async Task ActAsync(HttpContext context, IHmiSource source)
    {
        string id = (string)context.Request.RouteValues["id"]!;
        string action = (string)context.Request.RouteValues["action"]!;
        if (!IsAction(action))
        {
            await HmiProblem.WriteAsync(context, StatusCodes.Status404NotFound, "No such action",
                $"'{action}' is not an action on suggestions", "POST /api/suggestions/{id}/accept, .../dismiss or .../alt:ID (one of the suggestion's actions[])").ConfigureAwait(false);
            return;
        }
        if (id.Length > 100)
        {
            await HmiProblem.WriteAsync(context, StatusCodes.Status400BadRequest, "Bad suggestion id", "the id is over 100 characters", "a suggestion's id from the event stream").ConfigureAwait(false);
            return;
        }
        var outcome = await source.ActAsync(id, action, context.RequestAborted).ConfigureAwait(false);
        switch (outcome)
        {
            case HmiActOutcome.Done:
                await Json(context, $"{{\"ref\":{JsonSerializerString(id)},\"action\":\"{action}\"}}").ConfigureAwait(false);
                break;
            case HmiActOutcome.NoSuchAction:
                await HmiProblem.WriteAsync(context, StatusCodes.Status409Conflict, "Action not offered", $"suggestion '{id}' does not offer '{action}'", "one of the suggestion's actions[]").ConfigureAwait(false);
                break;
            default:
                await HmiProblem.WriteAsync(context, StatusCodes.Status404NotFound, "Not shown",
                    $"no suggestion '{id}' is shown now (withdrawn, expired, acted on, or never shown)", "the id of a suggestion shown now").ConfigureAwait(false);
                break;
        }
    }

    private static async Task AskAsync(HttpContext context, IHmiSource source, HmiOptions options, SemaphoreSlim asks)
    {
        const string expected = "{\"text\":\"a question\"}";
        using var body = await HmiRequestBody.ReadObjectAsync(context, options.MaxBodyBytes, expected).ConfigureAwait(false);
        if (body is null) return;
        string? text = body.RootElement.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        if (string.IsNullOrWhiteSpace(text) || text.Length > options.MaxQuestionChars)
        {
            await BadField(context, "text", $"a question of 1 to {options.MaxQuestionChars} characters", expected).ConfigureAwait(false);
            return;
        }
        if (!await asks.WaitAsync(0).ConfigureAwait(false))
        {
            await HmiProblem.WriteAsync(context, StatusCodes.Status429TooManyRequests, "Busy answering",
                "two answers are streaming already", "stop one (abort its request) and ask again").ConfigureAwait(false);
            return;
        }
        try
        {
            context.Response.ContentType = AskLines.ContentType;
            await context.Response.StartAsync(context.RequestAborted).ConfigureAwait(false);
            // The request's abort is the cancel (the page's stop button, or barge-in): the session stops generating.
            await foreach (var e in source.AskAsync(text.Trim(), context.RequestAborted).ConfigureAwait(false))
            {
                await context.Response.Body.WriteAsync(AskLines.Line(e), context.RequestAborted).ConfigureAwait(false);
                await context.Response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // Stopped by the client.
        }
        finally
        {
            asks.Release();
        }
    }

    // accept, dismiss, or an alternative the suggestion offers (alt:ID, e.g. another charger).
    private static bool IsAction(string action)
    {
        if (action is "accept" or "dismiss") return true;
        if (!action.StartsWith("alt:", StringComparison.Ordinal) || action.Length is <= 4 or > 100) return false;
        foreach (char c in action.AsSpan(4))
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':')) return false;
        return true;
    }

    private static Task BadField(HttpContext context, string field, string what, string expected) =>
        HmiProblem.WriteAsync(context, StatusCodes.Status400BadRequest, $"Bad '{field}'", $"'{field}' must be {what}", expected);

    private static string JsonSerializerString(string value)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer)) json.WriteStringValue(value);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
