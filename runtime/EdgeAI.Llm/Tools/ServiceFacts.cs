using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using EdgeAI.Fusion.Context;
using EdgeAI.Services.Geo;

namespace EdgeAI.Llm.Tools;

/// <summary>
/// What the service tools need from the vehicle context (position, charge, outside temperature, the moment) and the
/// JSON writer of their results. A value without a usable reading is null, so the tool says what it could not use
/// rather than guessing.
/// </summary>
internal sealed class ServiceFacts(IContextView context)
{
    internal static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly ContextSnapshot _snapshot = context.Current;

    /// <summary>The snapshot's moment.</summary>
    public DateTimeOffset Now => DateTimeOffset.FromUnixTimeMilliseconds(_snapshot.TimeNs / 1_000_000);

    /// <summary>The car's position, when the context has a fresh one.</summary>
    public GeoPoint? Position =>
        Value(ContextKeys.Latitude) is { } lat && Value(ContextKeys.Longitude) is { } lon ? new GeoPoint(lat, lon) : null;

    /// <summary>State of charge, 0..1.</summary>
    public double? Soc => Value(ContextKeys.StateOfCharge) is { } percent ? percent / 100 : null;

    /// <summary>Outside temperature, °C.</summary>
    public double? OutsideC => Value(ContextKeys.OutsideTemperature);

    /// <summary>A valid or merely stale value of <paramref name="key"/>; null when never seen, failed or implausible.</summary>
    public double? Value(string key) =>
        _snapshot[key]?.Reading is { Quality: ContextQuality.Valid or ContextQuality.Stale } r && double.IsFinite(r.Value) ? r.Value : null;

    /// <summary>A result object written by <paramref name="write"/>.</summary>
    public static string Json(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer, JsonOptions))
        {
            json.WriteStartObject();
            write(json);
            json.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary><c>{"error": message}</c>.</summary>
    public static string Error(string message) => Json(j => j.WriteString("error", message));
}
