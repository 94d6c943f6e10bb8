using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using EdgeAI.Llm.Vehicle;

namespace EdgeAI.Llm.Tools;

/// <summary>
/// Writes a vehicle tool's JSON result from store readings. A value the car never sent is written as null and its
/// reason collected under <c>"unavailable"</c>, so the model says "I don't know" instead of inventing a number;
/// <c>"age_s"</c> is the age of the oldest value used.
/// </summary>
internal sealed class VehicleReport
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly VehicleStateStore _store;
    private readonly ArrayBufferWriter<byte> _buffer = new(512);
    private readonly Utf8JsonWriter _json;
    private readonly List<(string Field, string Reason)> _missing = [];
    private TimeSpan _oldest = TimeSpan.MinValue;

    public VehicleReport(VehicleStateStore store)
    {
        _store = store;
        _json = new Utf8JsonWriter(_buffer, Options);
        _json.WriteStartObject();
    }

    /// <summary>A reading, or null with its reason recorded.</summary>
    public SignalReading? Use(string field, string signal)
    {
        var reading = _store.Read(signal);
        if (reading is { } r)
        {
            if (r.Age > _oldest) _oldest = r.Age;
            return r;
        }
        Null(field, _store.WhyUnavailable(signal) ?? "no value");
        return null;
    }

    /// <summary>A number rounded to <paramref name="decimals"/>, optionally converted first.</summary>
    public void Number(string field, string signal, int decimals, Func<double, double>? convert = null)
    {
        if (Use(field, signal) is not { } r) return;
        _json.WriteNumber(field, Math.Round(convert is null ? r.Value : convert(r.Value), decimals, MidpointRounding.AwayFromZero));
    }

    /// <summary>A 1-bit signal as true/false.</summary>
    public void Flag(string field, string signal)
    {
        if (Use(field, signal) is { } r) _json.WriteBoolean(field, r.IsSet);
    }

    /// <summary>A signal's value-table label; the DBC's "Invalid" or an unlabelled value becomes null with a reason.</summary>
    public void Label(string field, string signal)
    {
        if (Use(field, signal) is not { } r) return;
        if (r.Label is null) Null(field, $"{signal} = {r.Value} has no label in the DBC");
        else if (r.Label == "Invalid") Null(field, $"{signal} reports Invalid");
        else _json.WriteString(field, r.Label);
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
        if (_oldest >= TimeSpan.Zero) _json.WriteNumber("age_s", Math.Round(_oldest.TotalSeconds, 1));
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
