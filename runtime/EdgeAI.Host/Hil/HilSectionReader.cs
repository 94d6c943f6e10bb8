using System.Text.Json;
using EdgeAI.Fusion.Scenarios;

namespace EdgeAI.Host.Hil;

/// <summary>Reads a scenario's <c>hil</c> section (docs/hil.md); every error names the file, the line and what was
/// expected.</summary>
internal sealed class HilSectionReader(string file, JsonLineMap lines)
{
    private static readonly string[] ExpectationKinds = ["event", "no_event", "latency", "no_frame_lost", "final", "state"];

    public HilScenarioException Error(string path, string what) => HilScenarioException.At(file, lines.LineOf(path), $"{path}: {what}");

    public HilScenario Read(Scenario scenario, JsonElement hil)
    {
        double? stop = OptionalNumber(hil, "hil", "stop_after_s", positive: true);
        bool video = OptionalBool(hil, "hil", "cabin_video") ?? scenario.CabinVideo is not null;
        if (video && scenario.CabinVideo is null) throw Error("hil.cabin_video", "expected false: the scenario names no inputs.cabin_video");
        string? model = OptionalText(hil, "hil", "model");
        var faults = new List<HilFault>();
        if (hil.TryGetProperty("faults", out var f))
        {
            if (f.ValueKind != JsonValueKind.Array) throw Error("hil.faults", "expected an array of faults");
            int i = 0;
            foreach (var item in f.EnumerateArray()) faults.Add(Fault(item, $"hil.faults[{i++}]"));
        }
        if (!hil.TryGetProperty("expect", out var e) || e.ValueKind != JsonValueKind.Array || e.GetArrayLength() == 0)
            throw Error("hil.expect", "expected a non-empty array of expectations");
        var expectations = new List<HilExpectation>();
        int j = 0;
        foreach (var item in e.EnumerateArray()) expectations.Add(Expectation(item, $"hil.expect[{j++}]"));
        var duplicate = expectations.GroupBy(x => x.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw HilScenarioException.At(file, duplicate.Skip(1).First().Line, $"expected a unique expectation name, found \"{duplicate.Key}\" twice");
        return new HilScenario
        {
            Scenario = scenario, File = file, StopAfterS = stop, CabinVideo = video, Model = model,
            Faults = faults, Expectations = expectations,
        };
    }

    private HilFault Fault(JsonElement item, string path)
    {
        if (item.ValueKind != JsonValueKind.Object || OptionalText(item, path, "fault") is not { } name)
            throw Error(path, "expected {\"fault\": KIND, ...} with KIND one of " + string.Join(", ", Enum.GetValues<HilFaultKind>().Select(HilFault.NameOf)));
        if (!HilFault.TryParseKind(name, out var kind))
            throw Error(path + ".fault", $"expected one of {string.Join(", ", Enum.GetValues<HilFaultKind>().Select(HilFault.NameOf))}, found \"{name}\"");
        int line = lines.LineOf(path + ".fault");
        if (kind == HilFaultKind.ModelLoadFailure) return new HilFault(kind, 0, double.PositiveInfinity, null, line);
        double from = RequiredNumber(item, path, "from_s");
        double to = RequiredNumber(item, path, "to_s");
        if (!(to > from)) throw Error(path + ".to_s", $"expected seconds after from_s ({ValueMatch.Seconds(from)}), found {ValueMatch.Seconds(to)}");
        string? message = null;
        if (kind is HilFaultKind.Dropout or HilFaultKind.FrozenCounter or HilFaultKind.BadChecksum)
            message = OptionalText(item, path, "message") ?? throw Error(path + ".fault", $"{name} expected \"message\": a DBC message name or id");
        if (kind == HilFaultKind.StageStall)
        {
            message = OptionalText(item, path, "stage") ?? throw Error(path + ".fault", "stage_stall expected \"stage\": assistant or fusion");
            if (message is not ("assistant" or "fusion"))
                throw Error(path + ".stage", $"expected assistant or fusion (the stages HIL's lock step can hold), found \"{message}\"");
        }
        return new HilFault(kind, from, to, message, line);
    }

    private HilExpectation Expectation(JsonElement item, string path)
    {
        if (item.ValueKind != JsonValueKind.Object) throw Error(path, "expected an object");
        var kinds = ExpectationKinds.Where(k => item.TryGetProperty(k, out _)).ToList();
        if (kinds.Count != 1) throw Error(path, "expected exactly one of " + string.Join(", ", ExpectationKinds));
        int line = lines.LineOf(path + "." + kinds[0]);
        string? given = OptionalText(item, path, "name");
        var body = item.GetProperty(kinds[0]);
        string at = path + "." + kinds[0];
        switch (kinds[0])
        {
            case "event":
            {
                var match = Match(body, at);
                var after = item.TryGetProperty("after", out var a) ? Match(a, path + ".after") : null;
                double? afterS = OptionalNumber(item, path, "after_s", positive: false);
                if (after is not null && afterS is not null) throw Error(path, "expected one of after_s or after, not both");
                double within = OptionalNumber(item, path, "within_s", positive: true) ?? double.PositiveInfinity;
                return new EventExpectation
                {
                    Name = given ?? $"event {match}" + (after is not null ? $" after {after}" : afterS is { } s ? $" after {ValueMatch.Seconds(s)} s" : "") + (double.IsFinite(within) ? $" within {ValueMatch.Seconds(within)} s" : ""),
                    Line = line, Match = match, After = after, AfterS = afterS ?? 0, WithinS = within,
                };
            }
            case "no_event":
            {
                var match = Match(body, at);
                double from = OptionalNumber(item, path, "from_s", positive: false) ?? 0;
                double to = OptionalNumber(item, path, "to_s", positive: false) ?? double.PositiveInfinity;
                if (!(to > from)) throw Error(path + ".to_s", "expected seconds after from_s");
                return new NoEventExpectation
                {
                    Name = given ?? $"no event {match} in {ValueMatch.Seconds(from)}-{(double.IsFinite(to) ? ValueMatch.Seconds(to) : "end")} s",
                    Line = line, Match = match, FromS = from, ToS = to,
                };
            }
            case "latency": return Latency(body, at, given, line);
            case "no_frame_lost":
                if (body.ValueKind != JsonValueKind.True) throw Error(at, "expected true");
                return new NoFrameLostExpectation { Name = given ?? "no frame lost", Line = line };
            default:
            {
                bool final = kinds[0] == "final";
                if (body.ValueKind != JsonValueKind.Object) throw Error(at, "expected {\"key\": KEY, \"value\": V, \"quality\": Q}");
                string key = OptionalText(body, at, "key") ?? throw Error(at, "expected \"key\": a context key (docs/vehicle-context.md)");
                JsonElement? value = body.TryGetProperty("value", out var v) ? Checked(v, at + ".value") : null;
                JsonElement? quality = body.TryGetProperty("quality", out var q) ? Checked(q, at + ".quality") : null;
                if (value is null && quality is null) throw Error(at, "expected \"value\" or \"quality\" (or both)");
                double? atS = OptionalNumber(item, path, "at_s", positive: false);
                if (final == atS is not null) throw Error(at, final ? "expected no at_s for final (it is the end); use state with at_s" : "expected at_s for state (final checks the end)");
                string what = string.Join(", ", new[] { value is { } x ? "value " + ValueMatch.Describe(x) : null, quality is { } y ? "quality " + ValueMatch.Describe(y) : null }.OfType<string>());
                return new StateExpectation
                {
                    Name = given ?? $"{key} {what} {(atS is { } t ? "at " + ValueMatch.Seconds(t) + " s" : "at the end")}",
                    Line = line, Key = key, Value = value, Quality = quality, AtS = atS,
                };
            }
        }
    }

    private LatencyExpectation Latency(JsonElement body, string path, string? given, int line)
    {
        if (body.ValueKind != JsonValueKind.Object) throw Error(path, "expected {\"clock\": \"virtual\"|\"wall\", \"from\"|\"from_s\", \"to\", \"max_s\"|\"max_ms\"}");
        string clockText = OptionalText(body, path, "clock") ?? throw Error(path, "expected \"clock\": \"virtual\" (drive seconds) or \"wall\" (milliseconds of this computer's time)");
        var clock = clockText switch
        {
            "virtual" => LatencyClock.Virtual,
            "wall" => LatencyClock.Wall,
            _ => throw Error(path + ".clock", $"expected \"virtual\" or \"wall\", found \"{clockText}\""),
        };
        var from = body.TryGetProperty("from", out var f) ? Match(f, path + ".from") : null;
        double? fromS = OptionalNumber(body, path, "from_s", positive: false);
        if (clock == LatencyClock.Wall && (from is null || fromS is not null)) throw Error(path, "a wall-clock latency expected \"from\": an event (a time has no wall clock)");
        if (clock == LatencyClock.Virtual && (from is null) == (fromS is null)) throw Error(path, "expected one of \"from\" (an event) or \"from_s\"");
        var to = body.TryGetProperty("to", out var t) ? Match(t, path + ".to") : throw Error(path, "expected \"to\": an event");
        string unit = clock == LatencyClock.Virtual ? "max_s" : "max_ms";
        double max = OptionalNumber(body, path, unit, positive: true) ?? throw Error(path, $"expected \"{unit}\" for a {clockText} clock");
        string start = from?.ToString() ?? ValueMatch.Seconds(fromS!.Value) + " s";
        return new LatencyExpectation
        {
            Name = given ?? $"latency {start} -> {to} <= {ValueMatch.Seconds(max)} {(clock == LatencyClock.Virtual ? "s virtual" : "ms wall")}",
            Line = line, Clock = clock, From = from, FromS = fromS ?? 0, To = to, Max = max,
        };
    }

    private EventMatch Match(JsonElement body, string path)
    {
        if (body.ValueKind != JsonValueKind.Object || OptionalText(body, path, "type") is not { } type)
            throw Error(path, "expected {\"type\": TYPE, \"kind\": KIND, \"fields\": {...}} (docs/events.md)");
        string? kind = OptionalText(body, path, "kind");
        var fields = new List<KeyValuePair<string, JsonElement>>();
        if (body.TryGetProperty("fields", out var f))
        {
            if (f.ValueKind != JsonValueKind.Object) throw Error(path + ".fields", "expected an object of field: value");
            foreach (var p in f.EnumerateObject()) fields.Add(new(p.Name, Checked(p.Value, $"{path}.fields.{p.Name}")));
        }
        return new EventMatch(type, kind, fields);
    }

    private JsonElement Checked(JsonElement value, string path) => ValueMatch.IsValid(value) ? value.Clone()
        : throw Error(path, "expected a string, number, boolean, null or {\"contains\"|\"min\"|\"max\"|\"not\": ...}");

    private double RequiredNumber(JsonElement item, string path, string key) =>
        OptionalNumber(item, path, key, positive: false) ?? throw Error(path, $"expected \"{key}\": seconds from the drive's start");

    private double? OptionalNumber(JsonElement item, string path, string key, bool positive)
    {
        if (!item.TryGetProperty(key, out var v)) return null;
        if (v.ValueKind != JsonValueKind.Number || v.GetDouble() is var d && (positive ? !(d > 0) : !(d >= 0)))
            throw Error($"{path}.{key}", $"expected a number {(positive ? "above 0" : "of 0 or more")}, found {v.GetRawText()}");
        return d;
    }

    private bool? OptionalBool(JsonElement item, string path, string key) =>
        !item.TryGetProperty(key, out var v) ? null
        : v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean()
        : throw Error($"{path}.{key}", $"expected true or false, found {v.GetRawText()}");

    private string? OptionalText(JsonElement item, string path, string key) =>
        !item.TryGetProperty(key, out var v) ? null
        : v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s ? s
        : throw Error($"{path}.{key}", $"expected a non-empty string, found {v.GetRawText()}");
}
