using System.Text.Json;
using EdgeAI.Events;
using Microsoft.AspNetCore.Http;

namespace EdgeAI.Host.Hmi;

/// <summary>
/// Writes RFC 9457 problem details (<c>application/problem+json</c>): what went wrong and what was expected, never a
/// stack trace.
/// </summary>
public static class HmiProblem
{
    /// <summary>The media type.</summary>
    public const string ContentType = "application/problem+json";

    /// <summary>Writes a problem with <paramref name="status"/>, a short <paramref name="title"/>, the
    /// <paramref name="detail"/> of this request and, where it helps, what was <paramref name="expected"/>.</summary>
    public static async Task WriteAsync(HttpContext context, int status, string title, string detail, string? expected = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Response.HasStarted) return;
        context.Response.StatusCode = status;
        context.Response.ContentType = ContentType;
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, EventEnvelope.WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("type", "about:blank");
            json.WriteString("title", title);
            json.WriteNumber("status", status);
            json.WriteString("detail", detail);
            if (expected is not null) json.WriteString("expected", expected);
            json.WriteString("instance", context.Request.Path.Value);
            json.WriteEndObject();
        }
        await context.Response.Body.WriteAsync(buffer.ToArray(), context.RequestAborted).ConfigureAwait(false);
    }
}
