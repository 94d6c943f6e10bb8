using System.IO.Compression;
using System.Text;
using System.Text.Json;

namespace EdgeAI.Services.TrafficLights;

/// <summary>
/// Reads and writes a SPaT feed: JSON lines, one <see cref="SpatMessage"/> per line in order of reception
/// (docs/traffic-lights.md, docs/schemas/spat.schema.json). A path ending in <c>.gz</c> is gzip-compressed.
/// </summary>
public static class SpatFile
{
    /// <summary>Reads every message of <paramref name="path"/>.</summary>
    /// <exception cref="SpatFormatException">a line is not a SPaT message (names file, line and what was expected).</exception>
    public static IReadOnlyList<SpatMessage> Read(string path)
    {
        using var stream = Open(path);
        return Read(stream, path);
    }

    /// <summary>Reads every message from <paramref name="stream"/>; <paramref name="name"/> is used in errors.</summary>
    public static IReadOnlyList<SpatMessage> Read(Stream stream, string name)
    {
        var messages = new List<SpatMessage>();
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var lineNo = 0;
        var lastT = double.NegativeInfinity;
        while (reader.ReadLine() is { } line)
        {
            lineNo++;
            if (line.Length == 0) continue;
            var message = ParseLine(line, name, lineNo);
            if (message.T < lastT) throw new SpatFormatException(name, lineNo, $"expected t >= {lastT} (lines are in order of reception), got {message.T}");
            lastT = message.T;
            messages.Add(message);
        }
        return messages;
    }

    /// <summary>Parses one line of a feed.</summary>
    /// <exception cref="SpatFormatException">the line is not a SPaT message.</exception>
    public static SpatMessage ParseLine(string line, string name, int lineNo)
    {
        JsonDocument doc;
        try { doc = JsonDocument.Parse(line); }
        catch (JsonException e) { throw new SpatFormatException(name, lineNo, "expected one JSON object per line: " + e.Message); }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new SpatFormatException(name, lineNo, "expected a JSON object");
            var t = Number(root, "t", name, lineNo, "");
            var stamp = root.TryGetProperty("timeStamp", out _) ? Number(root, "timeStamp", name, lineNo, "") : t;
            if (stamp > t) throw new SpatFormatException(name, lineNo, $"expected timeStamp <= t (a message is received after it is sent), got {stamp} > {t}");
            if (!root.TryGetProperty("intersection", out var id) || id.ValueKind != JsonValueKind.String || id.GetString()!.Length == 0)
                throw new SpatFormatException(name, lineNo, "expected \"intersection\": a non-empty string");
            if (!root.TryGetProperty("states", out var states) || states.ValueKind != JsonValueKind.Array)
                throw new SpatFormatException(name, lineNo, "expected \"states\": an array of signal group states");
            var list = new List<SignalGroupState>(states.GetArrayLength());
            var i = 0;
            foreach (var s in states.EnumerateArray())
            {
                var where = $"states[{i++}].";
                if (s.ValueKind != JsonValueKind.Object) throw new SpatFormatException(name, lineNo, $"expected {where[..^1]} to be an object");
                if (!s.TryGetProperty("signalGroup", out var sg) || sg.ValueKind != JsonValueKind.Number || !sg.TryGetInt32(out var group) || group is < 1 or > 255)
                    throw new SpatFormatException(name, lineNo, $"expected {where}signalGroup: an integer 1..255");
                if (!s.TryGetProperty("eventState", out var es) || es.ValueKind != JsonValueKind.String || !MovementPhaseStates.TryParse(es.GetString(), out var state))
                    throw new SpatFormatException(name, lineNo, $"expected {where}eventState: one of {string.Join(", ", MovementPhaseStates.AllNames)}");
                var start = Number(s, "startTime", name, lineNo, where);
                var min = Number(s, "minEndTime", name, lineNo, where);
                var max = Number(s, "maxEndTime", name, lineNo, where);
                var likely = Number(s, "likelyTime", name, lineNo, where);
                var confidence = Number(s, "confidence", name, lineNo, where);
                if (!(min <= max)) throw new SpatFormatException(name, lineNo, $"expected {where}minEndTime <= maxEndTime, got {min} > {max}");
                if (confidence is < 0 or > 1) throw new SpatFormatException(name, lineNo, $"expected {where}confidence in 0..1, got {confidence}");
                list.Add(new SignalGroupState(group, state, start, min, max, likely, confidence));
            }
            return new SpatMessage(t, stamp, id.GetString()!, list);
        }
    }

    /// <summary>Writes <paramref name="messages"/> to <paramref name="path"/> (gzip when it ends in .gz).</summary>
    public static void Write(string path, IEnumerable<SpatMessage> messages)
    {
        using var file = File.Create(path);
        using Stream stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionLevel.SmallestSize) : file;
        Write(stream, messages);
    }

    /// <summary>Writes <paramref name="messages"/> as JSON lines; times rounded to 0.1 s, confidence to 0.01.</summary>
    public static void Write(Stream stream, IEnumerable<SpatMessage> messages)
    {
        var newline = "\n"u8.ToArray();
        using var json = new Utf8JsonWriter(stream);
        foreach (var m in messages)
        {
            json.Reset(stream);
            json.WriteStartObject();
            json.WriteNumber("t", Math.Round(m.T, 1));
            json.WriteNumber("timeStamp", Math.Round(m.TimeStamp, 1));
            json.WriteString("intersection", m.Intersection);
            json.WriteStartArray("states");
            foreach (var s in m.States)
            {
                json.WriteStartObject();
                json.WriteNumber("signalGroup", s.SignalGroup);
                json.WriteString("eventState", s.State.ToJ2735Name());
                json.WriteNumber("startTime", Math.Round(s.StartTime, 1));
                json.WriteNumber("minEndTime", Math.Round(s.MinEndTime, 1));
                json.WriteNumber("maxEndTime", Math.Round(s.MaxEndTime, 1));
                json.WriteNumber("likelyTime", Math.Round(s.LikelyTime, 1));
                json.WriteNumber("confidence", Math.Round(s.Confidence, 2));
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
            json.Flush();
            stream.Write(newline);
        }
    }

    private static Stream Open(string path)
    {
        var file = File.OpenRead(path);
        return path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : file;
    }

    private static double Number(JsonElement e, string field, string name, int lineNo, string where)
    {
        if (!e.TryGetProperty(field, out var v) || v.ValueKind != JsonValueKind.Number || !double.IsFinite(v.GetDouble()))
            throw new SpatFormatException(name, lineNo, $"expected {where}{field}: a number of seconds on the scenario clock");
        return v.GetDouble();
    }
}
