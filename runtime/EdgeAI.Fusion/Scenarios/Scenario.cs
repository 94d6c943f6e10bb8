using System.Text.Json;
using EdgeAI.Fusion.Mapping;

namespace EdgeAI.Fusion.Scenarios;

/// <summary>
/// A scenario folder's <c>scenario.json</c> (v1, docs/scenarios.md): the drive's name, time zone, the vehicle's signal
/// map and its input files, all resolved to absolute paths. Later issues add sections (services, voice, assistant,
/// HIL) under the version rule in docs/scenarios.md.
/// </summary>
/// <param name="Name">The scenario's name.</param>
/// <param name="Folder">The folder holding scenario.json.</param>
/// <param name="TimeZone">The IANA time zone, or null for UTC.</param>
/// <param name="SignalMap">The vehicle's signal map.</param>
/// <param name="Dbc">A DBC to use instead of the one the map names, or null.</param>
/// <param name="CanLog">The CAN log.</param>
/// <param name="Gps">An NMEA file of the same drive, or null.</param>
/// <param name="CabinVideo">The cabin camera's clip, or null.</param>
public sealed record Scenario(string Name, string Folder, string? TimeZone, string SignalMap, string? Dbc, string CanLog, string? Gps, string? CabinVideo)
{
    /// <summary>The <c>services</c> section, or null when the scenario has none.</summary>
    public ScenarioServices? Services { get; init; }

    /// <summary>The <c>assistant</c> section, or null when the scenario has none.</summary>
    public ScenarioAssistant? Assistant { get; init; }

    /// <summary>The <c>voice</c> section, or null when the scenario has none.</summary>
    public ScenarioVoice? Voice { get; init; }

    /// <summary>The file a scenario folder holds.</summary>
    public const string FileName = "scenario.json";

    /// <summary>Reads <paramref name="path"/> (a scenario.json or the folder holding one).</summary>
    /// <exception cref="FileNotFoundException">no scenario.json, or a file it names is missing.</exception>
    /// <exception cref="SignalMapException">not valid JSON or not a v1 scenario (one line naming the file and what was expected).</exception>
    public static Scenario Load(string path)
    {
        string file = Directory.Exists(path) ? Path.Combine(path, FileName) : path;
        if (!File.Exists(file)) throw new FileNotFoundException($"{file}: no such scenario", file);
        string folder = Path.GetDirectoryName(Path.GetFullPath(file))!;
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(file), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            root = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new SignalMapException($"{file}:{(e.LineNumber ?? 0) + 1}: expected JSON");
        }
        SignalMapException Bad(string what) => new($"{file}: expected {what}");
        if (root.ValueKind != JsonValueKind.Object) throw Bad("a JSON object");
        if (!root.TryGetProperty("version", out var v) || v.ValueKind != JsonValueKind.Number || v.GetDouble() != 1) throw Bad("\"version\": 1");
        string name = Text(root, "name") ?? throw Bad("\"name\"");
        if (!root.TryGetProperty("vehicle", out var vehicle) || vehicle.ValueKind != JsonValueKind.Object || Text(vehicle, "signals") is not { } signals)
            throw Bad("\"vehicle\": {\"signals\": MAP}");
        if (!root.TryGetProperty("inputs", out var inputs) || inputs.ValueKind != JsonValueKind.Object || Text(inputs, "can") is not { } can)
            throw Bad("\"inputs\": {\"can\": LOG}");
        string Existing(string relative)
        {
            string full = Path.GetFullPath(Path.Combine(folder, relative));
            return File.Exists(full) ? full : throw new FileNotFoundException($"{file}: names {relative}, which is missing", full);
        }
        string? Optional(JsonElement section, string key) => Text(section, key) is { } relative ? Existing(relative) : null;
        ScenarioServices? services = null;
        if (root.TryGetProperty("services", out var s))
        {
            if (s.ValueKind != JsonValueKind.Object) throw Bad("\"services\" to be an object");
            var feeds = s.TryGetProperty("feeds", out var f) && f.ValueKind == JsonValueKind.Object ? f : default;
            var trip = s.TryGetProperty("trip", out var t) && t.ValueKind == JsonValueKind.Object ? t : default;
            string? Feed(string key) => feeds.ValueKind == JsonValueKind.Object ? Optional(feeds, key) : null;
            double? Number(string key) => trip.ValueKind == JsonValueKind.Object && trip.TryGetProperty(key, out var n) && n.ValueKind == JsonValueKind.Number ? n.GetDouble() : null;
            services = new ScenarioServices(Text(s, "region"), Optional(s, "pois"), Feed("parking"), Feed("chargers"), Feed("traffic"),
                Optional(s, "spat"), Optional(s, "intersections"),
                trip.ValueKind == JsonValueKind.Object ? Text(trip, "destination") : null, trip.ValueKind == JsonValueKind.Object ? Text(trip, "destination_name") : null,
                Number("reserve_percent"), Number("stay_min"));
        }
        ScenarioAssistant? assistant = null;
        if (root.TryGetProperty("assistant", out var a))
        {
            if (a.ValueKind != JsonValueKind.Object) throw Bad("\"assistant\" to be an object");
            string language = Text(a, "language") ?? "en";
            if (language is not ("en" or "zh-CN")) throw Bad($"assistant.language \"en\" or \"zh-CN\", found \"{language}\"");
            var actions = new List<OccupantAction>();
            if (a.TryGetProperty("occupant", out var occupant))
            {
                if (occupant.ValueKind != JsonValueKind.Array) throw Bad("assistant.occupant to be an array");
                int i = 0;
                foreach (var item in occupant.EnumerateArray())
                {
                    string where = $"assistant.occupant[{i++}]";
                    if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("at_s", out var at) || at.ValueKind != JsonValueKind.Number || at.GetDouble() < 0)
                        throw Bad($"{where}: {{\"at_s\": SECONDS, VERB: ...}}");
                    double wait = item.TryGetProperty("wait_s", out var w) && w.ValueKind == JsonValueKind.Number ? w.GetDouble() : 120;
                    var verbs = new[] { "accept", "dismiss", "alt", "ask" }.Where(v => Text(item, v) is not null).ToList();
                    if (verbs.Count != 1) throw Bad($"{where}: exactly one of accept, dismiss, alt (a suggestion kind) or ask (a question)");
                    string verb = verbs[0];
                    string? alternative = verb == "alt" ? Text(item, "id") ?? throw Bad($"{where}: \"id\" of the alternative") : null;
                    actions.Add(new OccupantAction(at.GetDouble(), verb, Text(item, verb)!, alternative, wait));
                }
            }
            assistant = new ScenarioAssistant(language, [.. actions.OrderBy(x => x.AtS)]);
        }
        ScenarioVoice? voice = null;
        if (root.TryGetProperty("voice", out var vs))
        {
            if (vs.ValueKind != JsonValueKind.Object) throw Bad("\"voice\" to be an object");
            string activation = Text(vs, "activation") ?? "wake";
            if (activation is not ("wake" or "always" or "ptt")) throw Bad($"voice.activation \"wake\", \"always\" or \"ptt\", found \"{activation}\"");
            var utterances = new List<SpokenUtterance>();
            if (vs.TryGetProperty("utterances", out var list))
            {
                if (list.ValueKind != JsonValueKind.Array) throw Bad("voice.utterances to be an array");
                int i = 0;
                foreach (var item in list.EnumerateArray())
                {
                    string where = $"voice.utterances[{i++}]";
                    if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("at_s", out var at) || at.ValueKind != JsonValueKind.Number || at.GetDouble() < 0
                        || Text(item, "audio") is not { } audio)
                        throw Bad($"{where}: {{\"at_s\": SECONDS, \"audio\": WAV}}");
                    utterances.Add(new SpokenUtterance(at.GetDouble(), Existing(audio)));
                }
            }
            voice = new ScenarioVoice(activation, [.. utterances.OrderBy(u => u.AtS)]);
        }
        return new Scenario(name, folder, Text(root, "time_zone"), Existing(signals), Optional(vehicle, "dbc"), Existing(can), Optional(inputs, "gps"), Optional(inputs, "cabin_video"))
        {
            Services = services,
            Assistant = assistant,
            Voice = voice,
        };
    }

    private static string? Text(JsonElement element, string key) =>
        element.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } s ? s : null;
}
