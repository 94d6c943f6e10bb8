using System.Globalization;
using System.Text.Json;
using EdgeAI.Can.Dbc;
using EdgeAI.Fusion.E2E;

namespace EdgeAI.Fusion.Mapping;

/// <summary>
/// A vehicle's signal map (<c>models/vehicle/NAME.signals.json</c>, schema in docs/schemas/signal-map.schema.json):
/// which DBC signal feeds which context key, in which unit, within which plausible range, when it goes stale, and
/// which messages carry end-to-end protection. Everything vehicle-specific lives here, so the context, its derived
/// state and the assistant read the same keys on any car.
/// </summary>
public sealed class SignalMap
{
    /// <summary>How many cycle times a value may miss before it is stale, when the map gives no timeout.</summary>
    public const int StaleAfterCycles = 3;

    private SignalMap(string path, string vehicle, string dbcPath, DbcDatabase database, IReadOnlyList<SignalMapEntry> entries, IReadOnlyList<E2EDeclaration> e2e)
    {
        Path = path;
        Vehicle = vehicle;
        DbcPath = dbcPath;
        Database = database;
        Entries = entries;
        E2E = e2e;
    }

    /// <summary>The map file.</summary>
    public string Path { get; }
    /// <summary>What vehicle it describes.</summary>
    public string Vehicle { get; }
    /// <summary>The DBC it names (absolute; resolved against the map's folder).</summary>
    public string DbcPath { get; }
    /// <summary>The DBC the map was checked against: the one it names, or the one the caller gave instead.</summary>
    public DbcDatabase Database { get; }
    /// <summary>The keys, in file order.</summary>
    public IReadOnlyList<SignalMapEntry> Entries { get; }
    /// <summary>The protected messages.</summary>
    public IReadOnlyList<E2EDeclaration> E2E { get; }

    /// <summary>Reads a map and checks it against <paramref name="database"/> (or the DBC the map names, when null).</summary>
    /// <exception cref="FileNotFoundException">the map (or the DBC it names) does not exist.</exception>
    /// <exception cref="SignalMapException">the map is not valid JSON, breaks the schema, or names signals the DBC lacks
    /// (one line: file, line and what was expected).</exception>
    /// <exception cref="DbcFormatException">the DBC it names is not valid.</exception>
    public static SignalMap Load(string path, DbcDatabase? database = null) =>
        Load(path, database is null ? DbcDatabase.Load : _ => database);

    /// <summary>Reads a map and checks it against the DBC <paramref name="loadDbc"/> gives for the path the map names
    /// (a caller that reports DBC warnings, or that uses another DBC, loads it its own way).</summary>
    /// <exception cref="FileNotFoundException">the map (or the DBC it names) does not exist.</exception>
    /// <exception cref="SignalMapException">the map is not valid (one line: file, line and what was expected).</exception>
    /// <exception cref="DbcFormatException">the DBC it names is not valid.</exception>
    public static SignalMap Load(string path, Func<string, DbcDatabase> loadDbc)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no such signal map", path);
        string text = File.ReadAllText(path);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new SignalMapException($"{path}:{(e.LineNumber ?? 0) + 1}: expected JSON ({FirstSentence(e.Message)})");
        }
        using (document)
        {
            var reader = new Reader(path, text);
            return reader.Read(document.RootElement, loadDbc);
        }
    }

    private static string FirstSentence(string message)
    {
        int end = message.IndexOf(". ", StringComparison.Ordinal);
        return (end > 0 ? message[..end] : message).TrimEnd('.');
    }

    /// <summary>Turns the JSON into entries, checking each against the DBC; errors name the line of the key.</summary>
    private sealed class Reader(string path, string text)
    {
        public SignalMap Read(JsonElement root, Func<string, DbcDatabase> loadDbc)
        {
            if (root.ValueKind != JsonValueKind.Object) throw Error(1, "expected a JSON object with 'version', 'dbc' and 'keys'");
            int version = root.TryGetProperty("version", out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out int n) ? n : -1;
            if (version != 1) throw Error(LineOf("\"version\""), "expected \"version\": 1");
            string vehicle = OptionalString(root, "vehicle", "vehicle") ?? System.IO.Path.GetFileNameWithoutExtension(path);
            string dbc = RequiredString(root, "dbc", "dbc", "the DBC file's path, relative to the map");
            string dbcPath = System.IO.Path.GetFullPath(System.IO.Path.Combine(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!, dbc));
            var database = loadDbc(dbcPath);
            if (!root.TryGetProperty("keys", out var keys) || keys.ValueKind != JsonValueKind.Object)
                throw Error(LineOf("\"keys\""), "expected \"keys\": an object of context keys");
            var entries = new List<SignalMapEntry>();
            foreach (var key in keys.EnumerateObject()) entries.Add(ReadKey(key.Name, key.Value, database));
            if (entries.Count == 0) throw Error(LineOf("\"keys\""), "expected at least one key in \"keys\"");
            var e2e = new List<E2EDeclaration>();
            if (root.TryGetProperty("e2e", out var protections))
            {
                if (protections.ValueKind != JsonValueKind.Array) throw Error(LineOf("\"e2e\""), "expected \"e2e\": an array of protected messages");
                foreach (var item in protections.EnumerateArray()) e2e.Add(ReadE2E(item, database));
            }
            return new SignalMap(System.IO.Path.GetFullPath(path), vehicle, dbcPath, database, entries, e2e);
        }

        private SignalMapEntry ReadKey(string key, JsonElement spec, DbcDatabase database)
        {
            int line = LineOf("\"" + key + "\"");
            if (!IsKeyName(key)) throw Error(line, $"expected a key name like Vehicle.Speed or EdgeAI.Trip.Distance, found '{key}'");
            if (spec.ValueKind != JsonValueKind.Object) throw Error(line, $"{key}: expected an object with \"signal\"");
            string signalName = RequiredString(spec, "signal", key, "\"Message.Signal\" from the DBC");
            int dot = signalName.IndexOf('.');
            if (dot <= 0 || dot == signalName.Length - 1) throw Error(line, $"{key}: expected \"signal\": \"Message.Signal\", found '{signalName}'");
            string messageName = signalName[..dot], name = signalName[(dot + 1)..];
            string dbcName = System.IO.Path.GetFileName(database.File.Name);
            if (!database.TryGetDecoder(messageName, out var decoder)) throw Error(line, $"{key}: {dbcName} has no message {messageName}");
            int index = decoder.IndexOf(name);
            if (index < 0) throw Error(line, $"{key}: {dbcName} message {messageName} has no signal {name}");
            DbcSignal signal = decoder.Message.Signals[index];

            KeyKind kind = (OptionalString(spec, "type", key) ?? (spec.TryGetProperty("true", out _) ? "bool" : spec.TryGetProperty("labels", out _) ? "enum" : "number")) switch
            {
                "number" => KeyKind.Number,
                "bool" => KeyKind.Bool,
                "enum" => KeyKind.Enum,
                var other => throw Error(line, $"{key}: expected \"type\" number, bool or enum, found '{other}'"),
            };

            string unit = OptionalString(spec, "unit", key) ?? (kind == KeyKind.Number ? signal.Unit : "");
            double scale = OptionalNumber(spec, "scale", key, double.NaN), offset = OptionalNumber(spec, "offset", key, double.NaN);
            if (double.IsNaN(scale) && double.IsNaN(offset))
            {
                if (kind != KeyKind.Number || signal.Unit.Length == 0) (scale, offset) = (1, 0);
                else if (!UnitConversion.TryGet(signal.Unit, unit, out scale, out offset))
                    throw Error(line, $"{key}: no conversion from the DBC's unit '{signal.Unit}' to '{unit}'; give \"scale\" and \"offset\"");
            }
            else
            {
                if (double.IsNaN(scale)) scale = 1;
                if (double.IsNaN(offset)) offset = 0;
            }

            double min = double.NaN, max = double.NaN;
            if (spec.TryGetProperty("range", out var range))
            {
                if (range.ValueKind != JsonValueKind.Array || range.GetArrayLength() != 2 || range[0].ValueKind != JsonValueKind.Number || range[1].ValueKind != JsonValueKind.Number
                    || !(range[0].GetDouble() <= range[1].GetDouble()))
                    throw Error(line, $"{key}: expected \"range\": [min, max] with min <= max");
                (min, max) = (range[0].GetDouble(), range[1].GetDouble());
            }
            else if (kind == KeyKind.Number && signal.Minimum < signal.Maximum)
            {
                // The DBC's own [min|max], converted to the key's unit.
                double a = signal.Minimum * scale + offset, b = signal.Maximum * scale + offset;
                (min, max) = (Math.Min(a, b), Math.Max(a, b));
            }

            long staleNs;
            double timeoutMs = OptionalNumber(spec, "timeout_ms", key, double.NaN);
            if (!double.IsNaN(timeoutMs))
            {
                if (!(timeoutMs > 0)) throw Error(line, $"{key}: expected \"timeout_ms\" above 0");
                staleNs = (long)(timeoutMs * 1e6);
            }
            else if (decoder.Message.CycleTimeMs is > 0 and int cycle) staleNs = StaleAfterCycles * cycle * 1_000_000L;
            else throw Error(line, $"{key}: {dbcName} gives {messageName} no GenMsgCycleTime; give \"timeout_ms\"");

            var trueValues = new List<double>();
            if (spec.TryGetProperty("true", out var truths))
            {
                if (truths.ValueKind != JsonValueKind.Array || truths.GetArrayLength() == 0 || truths.EnumerateArray().Any(t => t.ValueKind != JsonValueKind.Number))
                    throw Error(line, $"{key}: expected \"true\": [the DBC values that mean true]");
                trueValues.AddRange(truths.EnumerateArray().Select(t => t.GetDouble()));
            }

            var labels = new Dictionary<long, string>();
            if (spec.TryGetProperty("labels", out var given))
            {
                if (given.ValueKind != JsonValueKind.Object) throw Error(line, $"{key}: expected \"labels\": {{\"raw value\": \"label\"}}");
                foreach (var label in given.EnumerateObject())
                {
                    if (!long.TryParse(label.Name, NumberStyles.Integer, CultureInfo.InvariantCulture, out long raw) || label.Value.ValueKind != JsonValueKind.String)
                        throw Error(line, $"{key}: expected \"labels\" as {{\"0\": \"P\", ...}}, found '{label.Name}'");
                    labels[raw] = label.Value.GetString()!;
                }
            }
            else if (kind == KeyKind.Enum)
            {
                if (signal.ValueDescriptions is null || signal.ValueDescriptions.Count == 0)
                    throw Error(line, $"{key}: {dbcName} has no value table for {signalName}; give \"labels\"");
                foreach (var pair in signal.ValueDescriptions.Labels) labels[pair.Key] = pair.Value;
            }

            return new SignalMapEntry(key, messageName, name, kind, kind == KeyKind.Number ? UnitConversion.Normalize(unit) : "", scale, offset, min, max, staleNs, trueValues, labels);
        }

        private E2EDeclaration ReadE2E(JsonElement item, DbcDatabase database)
        {
            string message = item.ValueKind == JsonValueKind.Object ? RequiredString(item, "message", "e2e", "the protected message's name") : throw Error(LineOf("\"e2e\""), "expected \"e2e\" entries as objects");
            int line = LineOf("\"" + message + "\"");
            string dbcName = System.IO.Path.GetFileName(database.File.Name);
            if (!database.TryGetDecoder(message, out var decoder)) throw Error(line, $"e2e: {dbcName} has no message {message}");
            string algorithm = RequiredString(item, "algorithm", "e2e " + message, "Sum8, Xor8, Crc8SaeJ1850 or Crc8H2F");
            string checksum = RequiredString(item, "checksum", "e2e " + message, "the checksum signal's name");
            if (decoder.IndexOf(checksum) < 0) throw Error(line, $"e2e: {dbcName} message {message} has no signal {checksum}");
            string? counter = OptionalString(item, "counter", "e2e " + message);
            if (counter is not null && decoder.IndexOf(counter) < 0) throw Error(line, $"e2e: {dbcName} message {message} has no signal {counter}");
            int dataId = (int)OptionalNumber(item, "data_id", "e2e " + message, 0);
            List<int>? list = null;
            if (item.TryGetProperty("data_id_list", out var ids))
            {
                if (ids.ValueKind != JsonValueKind.Array || ids.GetArrayLength() != 16 || ids.EnumerateArray().Any(i => i.ValueKind != JsonValueKind.Number))
                    throw Error(line, $"e2e {message}: expected \"data_id_list\": 16 numbers");
                list = [.. ids.EnumerateArray().Select(i => i.GetInt32())];
            }
            int maxDelta = (int)OptionalNumber(item, "max_delta_counter", "e2e " + message, 1);
            if (maxDelta < 1) throw Error(line, $"e2e {message}: expected \"max_delta_counter\" of 1 or more");
            var mode = OptionalString(item, "data_id_mode", "e2e " + message) switch
            {
                null or "both" => E2EDataIdMode.Both,
                "alternating" => E2EDataIdMode.Alternating,
                "low" => E2EDataIdMode.Low,
                var other => throw Error(line, $"e2e {message}: expected \"data_id_mode\" both, alternating or low, found '{other}'"),
            };
            var declaration = new E2EDeclaration(message, algorithm, checksum, counter, dataId, list, maxDelta, mode);
            try
            {
                _ = new E2EChecker(decoder, declaration.ToSpec()); // the checker's own checks: a whole checksum byte, the profile's needs
            }
            catch (Exception e) when (e is ArgumentException or FormatException)
            {
                throw Error(line, e.Message.ReplaceLineEndings(" "));
            }
            return declaration;
        }

        private static bool IsKeyName(string key) =>
            (key.StartsWith("Vehicle.", StringComparison.Ordinal) || key.StartsWith("EdgeAI.", StringComparison.Ordinal))
            && key.Split('.').All(part => part.Length > 0 && char.IsAsciiLetter(part[0]) && part.All(char.IsAsciiLetterOrDigit));

        private string RequiredString(JsonElement spec, string name, string where, string expected) =>
            OptionalString(spec, name, where) ?? throw Error(LineOf("\"" + where + "\""), $"{where}: expected \"{name}\": {expected}");

        private string? OptionalString(JsonElement spec, string name, string where)
        {
            if (!spec.TryGetProperty(name, out var value)) return null;
            if (value.ValueKind != JsonValueKind.String || value.GetString() is not { Length: > 0 } s)
                throw Error(LineOf("\"" + where + "\""), $"{where}: expected \"{name}\" as a non-empty string");
            return s;
        }

        private double OptionalNumber(JsonElement spec, string name, string where, double otherwise)
        {
            if (!spec.TryGetProperty(name, out var value)) return otherwise;
            if (value.ValueKind != JsonValueKind.Number || !double.IsFinite(value.GetDouble()))
                throw Error(LineOf("\"" + where + "\""), $"{where}: expected \"{name}\" as a finite number");
            return value.GetDouble();
        }

        /// <summary>The 1-based line of the first occurrence of <paramref name="token"/> (JsonDocument keeps no positions;
        /// keys are unique in a map, so the first occurrence is the one meant).</summary>
        private int LineOf(string token)
        {
            int at = text.IndexOf(token, StringComparison.Ordinal);
            if (at < 0) return 1;
            int line = 1;
            for (int i = 0; i < at; i++) if (text[i] == '\n') line++;
            return line;
        }

        private SignalMapException Error(int line, string what) => new($"{path}:{line}: {what}");
    }
}
