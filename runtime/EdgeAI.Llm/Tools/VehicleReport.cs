using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using EdgeAI.Fusion.Context;
using EdgeAI.Fusion.Mapping;

namespace EdgeAI.Llm.Tools;

/// <summary>
/// Writes a vehicle tool's JSON result from a context snapshot. A value the car never sent, a key the vehicle's signal
/// map lacks, a value that failed its end-to-end check or is implausible is written as null and its reason collected
/// under <c>"unavailable"</c>, so the model says "I don't know" instead of inventing a number; <c>"age_s"</c> is the
/// age of the oldest value used, and stale values are listed under <c>"stale"</c>.
/// </summary>
internal sealed class VehicleReport
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly ContextSnapshot _snapshot;
    private readonly ArrayBufferWriter<byte> _buffer = new(512);
    private readonly Utf8JsonWriter _json;
    private readonly List<(string Field, string Reason)> _missing = [];
    private readonly List<string> _stale = [];
    private long _oldestNs = -1;

    public VehicleReport(IContextView context)
    {
        _snapshot = context.Current;
        _json = new Utf8JsonWriter(_buffer, Options);
        _json.WriteStartObject();
    }

    /// <summary>The entry of a context key, or null (written as null with its reason) when it has no usable value.</summary>
    public ContextEntry? Use(string field, string key)
    {
        if (_snapshot[key] is not { } entry)
        {
            Null(field, $"this vehicle's signal map has no {key}");
            return null;
        }
        var r = entry.Reading;
        string? why = r.Quality switch
        {
            ContextQuality.NeverSeen => $"no value for {key} received yet",
            ContextQuality.E2EFailed => $"{key} failed its end-to-end check",
            ContextQuality.Implausible => $"{key} = {r.Value} is implausible",
            _ => null,
        };
        if (why is not null)
        {
            Null(field, why);
            return null;
        }
        if (r.AgeNs > _oldestNs) _oldestNs = r.AgeNs;
        if (r.Quality == ContextQuality.Stale) _stale.Add(field);
        return entry;
    }

    /// <summary>A number rounded to <paramref name="decimals"/>, optionally converted first.</summary>
    public void Number(string field, string key, int decimals, Func<double, double>? convert = null)
    {
        if (Use(field, key) is not { } e) return;
        double value = e.Reading.Value;
        _json.WriteNumber(field, Math.Round(convert is null ? value : convert(value), decimals, MidpointRounding.AwayFromZero));
    }

    /// <summary>A flag as true/false.</summary>
    public void Flag(string field, string key)
    {
        if (Use(field, key) is { } e) _json.WriteBoolean(field, e.Reading.IsSet);
    }

    /// <summary>A key's label; "Invalid" or an unlabelled value becomes null with a reason.</summary>
    public void Label(string field, string key)
    {
        if (Use(field, key) is not { } e) return;
        if (e.Label is null) Null(field, $"{key} = {e.Reading.Value} has no label in the signal map or DBC");
        else if (e.Label == "Invalid") Null(field, $"{key} reports Invalid");
        else _json.WriteString(field, e.Label);
    }

    /// <summary>A fixed text field.</summary>
    public void Text(string field, string value) => _json.WriteString(field, value);

    /// <summary>A boolean field.</summary>
    public void Boolean(string field, bool value) => _json.WriteBoolean(field, value);

    /// <summary>A list of strings.</summary>
    public void List(string field, IEnumerable<string> values)
    {
        _json.WriteStartArray(field);
        foreach (var value in values) _json.WriteStringValue(value);
        _json.WriteEndArray();
    }

    /// <summary>A null field with the reason it has no value.</summary>
    public void Null(string field, string reason)
    {
        _json.WriteNull(field);
        _missing.Add((field, reason));
    }

    /// <summary>Closes the object (adding age and unavailable reasons) and returns its text.</summary>
    public string Finish()
    {
        if (_oldestNs >= 0) _json.WriteNumber("age_s", Math.Round(_oldestNs / 1e9, 1));
        if (_stale.Count > 0) List("stale", _stale);
        if (_missing.Count > 0)
        {
            _json.WriteStartObject("unavailable");
            foreach (var (field, reason) in _missing) _json.WriteString(field, reason);
            _json.WriteEndObject();
        }
        _json.WriteEndObject();
        _json.Flush();
        string text = Encoding.UTF8.GetString(_buffer.WrittenSpan);
        _json.Dispose();
        return text;
    }
}
