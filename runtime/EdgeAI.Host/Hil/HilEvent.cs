using System.Text.Json;

namespace EdgeAI.Host.Hil;

/// <summary>
/// One v1 event (docs/events.md) as the HIL runner saw it: from the in-process pipeline or read from a device under
/// test. Both arrive as JSON lines, so the expectations judge the very same text in either mode.
/// </summary>
public sealed class HilEvent
{
    private HilEvent(JsonElement root, string json, double wallMs)
    {
        Root = root;
        Json = json;
        WallMs = wallMs;
        Type = Text(root, "type") ?? "";
        Kind = Text(root, "kind");
        Id = Text(root, "id");
        Ref = Text(root, "ref");
        AtS = root.TryGetProperty("at_s", out var at) && at.ValueKind == JsonValueKind.Number ? at.GetDouble() : double.NaN;
    }

    /// <summary>The whole event.</summary>
    public JsonElement Root { get; }

    /// <summary>The line as received.</summary>
    public string Json { get; }

    /// <summary>When it was received, in wall milliseconds since the run started (NaN where unknown).</summary>
    public double WallMs { get; }

    /// <summary>Its type.</summary>
    public string Type { get; }

    /// <summary>Its kind, or null.</summary>
    public string? Kind { get; }

    /// <summary>Its id, or null.</summary>
    public string? Id { get; }

    /// <summary>The id it refers to, or null.</summary>
    public string? Ref { get; }

    /// <summary>Seconds since the drive's start (virtual time), or NaN.</summary>
    public double AtS { get; }

    /// <summary>Parses one line; false (with why) when it is not a v1 event object.</summary>
    public static bool TryParse(string line, double wallMs, out HilEvent? e, out string? problem)
    {
        e = null;
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("v", out var v) || v.ValueKind != JsonValueKind.Number || v.GetDouble() != 1)
            {
                problem = "expected a v1 event object ({\"v\":1,\"t\":...,\"type\":...})";
                return false;
            }
            if (Text(root, "type") is null)
            {
                problem = "expected a \"type\"";
                return false;
            }
            e = new HilEvent(root.Clone(), line, wallMs);
            problem = null;
            return true;
        }
        catch (JsonException)
        {
            problem = "expected a JSON object (event schema v1)";
            return false;
        }
    }

    /// <summary>A short label: <c>suggestion/charging s1 at 3.5 s</c>.</summary>
    public override string ToString() =>
        $"{Type}{(Kind is null ? "" : "/" + Kind)}{(Id is null ? "" : " " + Id)}{(Ref is null ? "" : " ref " + Ref)} at {(double.IsNaN(AtS) ? "?" : AtS.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture))} s";

    private static string? Text(JsonElement e, string key) =>
        e.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
