using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace EdgeAI.Llm.Tools;

/// <summary>
/// Checks tool arguments against the JSON Schema subset tool declarations use: <c>type</c> (object, string, number,
/// integer, boolean, array, null, or an array of them), <c>properties</c>, <c>required</c>,
/// <c>additionalProperties</c> (false, true or a schema), <c>enum</c>, <c>minimum</c>/<c>maximum</c>, <c>items</c> and
/// <c>minLength</c>/<c>maxLength</c>; <c>description</c>, <c>title</c>, <c>default</c>, <c>examples</c>,
/// <c>$schema</c>, <c>$id</c> and <c>$comment</c> are annotations. Any other keyword is refused when the schema is
/// compiled, so a schema never promises a check that is not made. Errors name the JSON path and the rule, in words a
/// model can correct its call from.
/// </summary>
public sealed class JsonSchemaValidator
{
    private static readonly string[] TypeNames = ["object", "string", "number", "integer", "boolean", "array", "null"];
    private static readonly HashSet<string> Annotations = new(StringComparer.Ordinal)
        { "description", "title", "default", "examples", "$schema", "$id", "$comment" };

    private readonly Node _root;

    /// <summary>Compiles a schema from its JSON text.</summary>
    /// <exception cref="FormatException">the text is not JSON, or a keyword has a value of the wrong kind.</exception>
    /// <exception cref="NotSupportedException">the schema uses a keyword outside the supported subset.</exception>
    public JsonSchemaValidator(string schemaJson)
    {
        ArgumentNullException.ThrowIfNull(schemaJson);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(schemaJson);
        }
        catch (JsonException e)
        {
            throw new FormatException($"schema: not valid JSON ({e.Message})", e);
        }
        using (document) _root = Compile(document.RootElement, "#");
    }

    /// <summary>Compiles a schema given as a JSON element.</summary>
    /// <exception cref="FormatException">a keyword has a value of the wrong kind.</exception>
    /// <exception cref="NotSupportedException">the schema uses a keyword outside the supported subset.</exception>
    public JsonSchemaValidator(JsonElement schema) => _root = Compile(schema, "#");

    /// <summary>True when <paramref name="value"/> satisfies the schema; otherwise false and the first violation, as
    /// <c>$.path: what was expected, got what</c>.</summary>
    public bool Validate(JsonElement value, [NotNullWhen(false)] out string? error)
    {
        error = Check(_root, value, "$");
        return error is null;
    }

    private static Node Compile(JsonElement schema, string where)
    {
        if (schema.ValueKind == JsonValueKind.True) return new Node();
        if (schema.ValueKind != JsonValueKind.Object)
            throw new FormatException($"schema {where}: expected an object, got {Kind(schema)}");
        var node = new Node();
        foreach (var keyword in schema.EnumerateObject())
        {
            string at = $"{where}/{keyword.Name}";
            var v = keyword.Value;
            switch (keyword.Name)
            {
                case "type":
                    node.Types = CompileTypes(v, at);
                    break;
                case "properties":
                    if (v.ValueKind != JsonValueKind.Object) throw new FormatException($"schema {at}: expected an object of schemas");
                    node.Properties = new Dictionary<string, Node>(StringComparer.Ordinal);
                    foreach (var property in v.EnumerateObject())
                        node.Properties[property.Name] = Compile(property.Value, $"{at}/{property.Name}");
                    break;
                case "required":
                    if (v.ValueKind != JsonValueKind.Array) throw new FormatException($"schema {at}: expected an array of property names");
                    var required = new List<string>();
                    foreach (var name in v.EnumerateArray())
                        required.Add(name.ValueKind == JsonValueKind.String ? name.GetString()! : throw new FormatException($"schema {at}: expected property names, got {Kind(name)}"));
                    node.Required = [.. required];
                    break;
                case "additionalProperties":
                    if (v.ValueKind == JsonValueKind.False) node.NoAdditional = true;
                    else if (v.ValueKind != JsonValueKind.True) node.Additional = Compile(v, at);
                    break;
                case "enum":
                    if (v.ValueKind != JsonValueKind.Array || v.GetArrayLength() == 0) throw new FormatException($"schema {at}: expected a non-empty array");
                    var values = new List<JsonElement>();
                    foreach (var item in v.EnumerateArray()) values.Add(item.Clone());
                    node.Enum = [.. values];
                    break;
                case "minimum":
                    node.Minimum = Number(v, at);
                    break;
                case "maximum":
                    node.Maximum = Number(v, at);
                    break;
                case "items":
                    node.Items = Compile(v, at);
                    break;
                case "minLength":
                    node.MinLength = Count(v, at);
                    break;
                case "maxLength":
                    node.MaxLength = Count(v, at);
                    break;
                default:
                    if (!Annotations.Contains(keyword.Name))
                        throw new NotSupportedException($"schema {at}: keyword '{keyword.Name}' is not supported (supported: type, properties, required, additionalProperties, enum, minimum, maximum, items, minLength, maxLength)");
                    break;
            }
        }
        return node;
    }

    private static string[] CompileTypes(JsonElement v, string at)
    {
        var names = new List<string>();
        if (v.ValueKind == JsonValueKind.String) names.Add(v.GetString()!);
        else if (v.ValueKind == JsonValueKind.Array)
            foreach (var item in v.EnumerateArray())
                names.Add(item.ValueKind == JsonValueKind.String ? item.GetString()! : throw new FormatException($"schema {at}: expected type names, got {Kind(item)}"));
        else throw new FormatException($"schema {at}: expected a type name or an array of them");
        foreach (var name in names)
            if (Array.IndexOf(TypeNames, name) < 0)
                throw new NotSupportedException($"schema {at}: type '{name}' is not one of {string.Join(", ", TypeNames)}");
        return [.. names];
    }

    private static double Number(JsonElement v, string at) =>
        v.ValueKind == JsonValueKind.Number ? v.GetDouble() : throw new FormatException($"schema {at}: expected a number, got {Kind(v)}");

    private static int Count(JsonElement v, string at) =>
        v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out int n) && n >= 0 ? n : throw new FormatException($"schema {at}: expected a non-negative integer");

    private static string? Check(Node node, JsonElement value, string path)
    {
        if (node.Types is { } types && !MatchesAny(types, value))
            return $"{path}: expected {string.Join(" or ", types)}, got {Describe(value)}";
        if (node.Enum is { } choices)
        {
            bool found = false;
            foreach (var choice in choices)
                if (JsonElement.DeepEquals(choice, value)) { found = true; break; }
            if (!found)
            {
                var list = new StringBuilder();
                foreach (var choice in choices) list.Append(list.Length > 0 ? "," : "").Append(choice.GetRawText());
                return $"{path}: expected one of {list}, got {Shorten(value.GetRawText())}";
            }
        }
        switch (value.ValueKind)
        {
            case JsonValueKind.Number:
                double number = value.GetDouble();
                if (node.Minimum is { } min && number < min) return $"{path}: expected a number >= {Format(min)}, got {value.GetRawText()}";
                if (node.Maximum is { } max && number > max) return $"{path}: expected a number <= {Format(max)}, got {value.GetRawText()}";
                break;
            case JsonValueKind.String:
                int length = CodePoints(value.GetString()!);
                if (node.MinLength is { } minLength && length < minLength) return $"{path}: expected at least {minLength} characters, got {length}";
                if (node.MaxLength is { } maxLength && length > maxLength) return $"{path}: expected at most {maxLength} characters, got {length}";
                break;
            case JsonValueKind.Array:
                if (node.Items is { } items)
                {
                    int index = 0;
                    foreach (var item in value.EnumerateArray())
                    {
                        if (Check(items, item, $"{path}[{index}]") is { } error) return error;
                        index++;
                    }
                }
                break;
            case JsonValueKind.Object:
                return CheckObject(node, value, path);
        }
        return null;
    }

    private static string? CheckObject(Node node, JsonElement value, string path)
    {
        foreach (var property in value.EnumerateObject())
        {
            string at = Member(path, property.Name);
            if (node.Properties is { } known && known.TryGetValue(property.Name, out var schema))
            {
                if (Check(schema, property.Value, at) is { } error) return error;
            }
            else if (node.NoAdditional)
            {
                string allowed = node.Properties is { Count: > 0 } names ? $" (allowed: {string.Join(", ", names.Keys.Select(n => $"\"{n}\""))})" : " (no properties allowed)";
                return $"{path}: unexpected property \"{property.Name}\"{allowed}";
            }
            else if (node.Additional is { } additional && Check(additional, property.Value, at) is { } error)
            {
                return error;
            }
        }
        if (node.Required is { } required)
            foreach (var name in required)
                if (!value.TryGetProperty(name, out _))
                    return $"{path}: missing required property \"{name}\"";
        return null;
    }

    private static bool MatchesAny(string[] types, JsonElement value)
    {
        foreach (var type in types)
        {
            bool match = type switch
            {
                "object" => value.ValueKind == JsonValueKind.Object,
                "array" => value.ValueKind == JsonValueKind.Array,
                "string" => value.ValueKind == JsonValueKind.String,
                "number" => value.ValueKind == JsonValueKind.Number,
                "integer" => value.ValueKind == JsonValueKind.Number && IsInteger(value),
                "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
                "null" => value.ValueKind == JsonValueKind.Null,
                _ => false,
            };
            if (match) return true;
        }
        return false;
    }

    // JSON Schema counts 1.0 as an integer: the value decides, not the spelling.
    private static bool IsInteger(JsonElement value) =>
        value.TryGetDecimal(out decimal d) ? decimal.Truncate(d) == d : Math.Floor(value.GetDouble()) == value.GetDouble();

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.Null => "null",
        JsonValueKind.Number => $"number {value.GetRawText()}",
        JsonValueKind.String => $"string {Shorten(value.GetRawText())}",
        _ => $"boolean {value.GetRawText()}",
    };

    private static string Kind(JsonElement value) => value.ValueKind.ToString().ToLowerInvariant();

    private static string Shorten(string text) => text.Length <= 60 ? text : string.Concat(text.AsSpan(0, 57), "...");

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static int CodePoints(string text)
    {
        int count = 0;
        foreach (var _ in text.EnumerateRunes()) count++;
        return count;
    }

    private static string Member(string path, string name)
    {
        bool plain = name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_');
        foreach (char c in name) plain &= char.IsAsciiLetterOrDigit(c) || c == '_';
        return plain ? $"{path}.{name}" : $"{path}[\"{JsonEncodedText.Encode(name)}\"]";
    }

    /// <summary>One compiled (sub)schema.</summary>
    private sealed class Node
    {
        public string[]? Types;
        public Dictionary<string, Node>? Properties;
        public string[]? Required;
        public bool NoAdditional;
        public Node? Additional;
        public JsonElement[]? Enum;
        public double? Minimum;
        public double? Maximum;
        public Node? Items;
        public int? MinLength;
        public int? MaxLength;
    }
}
