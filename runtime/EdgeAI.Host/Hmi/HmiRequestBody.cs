using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace EdgeAI.Host.Hmi;

/// <summary>Reads a small JSON object body, refusing (as problem+json) anything else with what was expected.</summary>
internal static class HmiRequestBody
{
    /// <summary>The body as a JSON object, or null once the refusal is written.</summary>
    public static async Task<JsonDocument?> ReadObjectAsync(HttpContext context, long maxBytes, string expected)
    {
        var request = context.Request;
        if (request.ContentType is not { } type || !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            await HmiProblem.WriteAsync(context, StatusCodes.Status415UnsupportedMediaType, "JSON expected",
                $"Content-Type '{request.ContentType}' is not JSON", "Content-Type: application/json; body " + expected).ConfigureAwait(false);
            return null;
        }
        if (request.ContentLength > maxBytes)
        {
            await TooLarge(context, maxBytes).ConfigureAwait(false);
            return null;
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int n;
        try
        {
            while ((n = await request.Body.ReadAsync(chunk, context.RequestAborted).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + n > maxBytes)
                {
                    await TooLarge(context, maxBytes).ConfigureAwait(false);
                    return null;
                }
                buffer.Write(chunk, 0, n);
            }
        }
        catch (Microsoft.AspNetCore.Http.BadHttpRequestException e)
        {
            await HmiProblem.WriteAsync(context, e.StatusCode, "Bad request body", e.Message, expected).ConfigureAwait(false);
            return null;
        }
        if (!System.Text.Unicode.Utf8.IsValid(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)))
        {
            await HmiProblem.WriteAsync(context, StatusCodes.Status400BadRequest, "Malformed JSON", "the body is not valid UTF-8", expected).ConfigureAwait(false);
            return null;
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(buffer.ToArray(), new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException e)
        {
            await HmiProblem.WriteAsync(context, StatusCodes.Status400BadRequest, "Malformed JSON",
                $"the body is not JSON: {e.Message.ReplaceLineEndings(" ")}", expected).ConfigureAwait(false);
            return null;
        }
        catch (ArgumentException e)
        {
            // Invalid UTF-8 surfaces here.
            await HmiProblem.WriteAsync(context, StatusCodes.Status400BadRequest, "Malformed JSON", $"the body is not UTF-8 JSON: {e.Message.ReplaceLineEndings(" ")}", expected).ConfigureAwait(false);
            return null;
        }
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            await HmiProblem.WriteAsync(context, StatusCodes.Status400BadRequest, "JSON object expected",
                $"the body is a JSON {document.RootElement.ValueKind.ToString().ToLowerInvariant()}", expected).ConfigureAwait(false);
            document.Dispose();
            return null;
        }
        return document;
    }

    private static Task TooLarge(HttpContext context, long maxBytes) =>
        HmiProblem.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "Body too large", $"the body is over {maxBytes} bytes", $"at most {maxBytes} bytes of JSON");
}
