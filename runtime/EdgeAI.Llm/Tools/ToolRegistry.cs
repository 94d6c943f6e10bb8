using System.Text;
using System.Text.Json;

namespace EdgeAI.Llm.Tools;

/// <summary>
/// The tools offered to the model: declares them in the form Qwen's chat template lists inside
/// <c>&lt;tools&gt;&lt;/tools&gt;</c>, and runs the calls the model makes. A call that cannot run (unknown tool,
/// unparsable block, arguments against the schema) is answered with a JSON error the model can correct from, rather
/// than an exception: the engine feeds it back as the tool message and lets the model retry.
/// </summary>
public sealed class ToolRegistry
{
    private readonly Dictionary<string, (IChatTool Tool, JsonSchemaValidator Validator)> _byName = new(StringComparer.Ordinal);

    /// <summary>Registers the tools and compiles their argument schemas.</summary>
    /// <exception cref="ArgumentException">two tools share a name, or a schema is not a type-object schema.</exception>
    /// <exception cref="NotSupportedException">a schema uses a keyword <see cref="JsonSchemaValidator"/> does not check.</exception>
    public ToolRegistry(IEnumerable<IChatTool> tools)
    {
        ArgumentNullException.ThrowIfNull(tools);
        var list = new List<IChatTool>();
        var declarations = new List<string>();
        foreach (var tool in tools)
        {
            ArgumentNullException.ThrowIfNull(tool);
            if (_byName.ContainsKey(tool.Name)) throw new ArgumentException($"two tools are named '{tool.Name}'", nameof(tools));
            using var schema = ParseSchema(tool);
            _byName[tool.Name] = (tool, new JsonSchemaValidator(schema.RootElement));
            list.Add(tool);
            declarations.Add(Declare(tool, schema.RootElement));
        }
        Tools = list;
        Declarations = declarations;
    }

    /// <summary>The tools, in the order given.</summary>
    public IReadOnlyList<IChatTool> Tools { get; }

    /// <summary>One JSON line per tool, <c>{"type": "function", "function": {"name": ..., "description": ...,
    /// "parameters": {...}}}</c>, written as the chat template's <c>tojson</c> writes it.</summary>
    public IReadOnlyList<string> Declarations { get; }

    /// <summary>The tool names, comma separated, in declaration order.</summary>
    public string Names => string.Join(", ", Tools.Select(t => t.Name));

    /// <summary>Runs a parsed call: the tool's JSON result, or an error outcome naming what to fix.</summary>
    public ToolOutcome Execute(ParsedToolCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        string name = call.Name ?? "";
        if (call.Error is { } parseError)
            return Error(name, parseError);
        if (!_byName.TryGetValue(name, out var entry))
            return Error(name, $"unknown tool \"{name}\"; known tools: {Names}");
        JsonDocument arguments;
        try
        {
            arguments = JsonDocument.Parse(call.ArgumentsJson);
        }
        catch (JsonException e)
        {
            return Error(name, $"arguments of {name} are not valid JSON ({e.Message})");
        }
        using (arguments)
        {
            if (!entry.Validator.Validate(arguments.RootElement, out var violation))
                return Error(name, $"invalid arguments for {name}: {violation}");
            return new ToolOutcome(name, entry.Tool.Invoke(arguments.RootElement), false);
        }
    }

    /// <summary>The error outcome: <c>{"error": "..."}</c>.</summary>
    private static ToolOutcome Error(string name, string message)
    {
        var json = new StringBuilder("{\"error\": ");
        TemplateJson.WriteString(json, message);
        json.Append('}');
        return new ToolOutcome(name, json.ToString(), true);
    }

    private static JsonDocument ParseSchema(IChatTool tool)
    {
        JsonDocument schema;
        try
        {
            schema = JsonDocument.Parse(tool.ParametersSchema);
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"tool '{tool.Name}': parameters schema is not JSON ({e.Message})", nameof(tool), e);
        }
        if (schema.RootElement.ValueKind != JsonValueKind.Object
            || !schema.RootElement.TryGetProperty("type", out var type)
            || type.ValueKind != JsonValueKind.String || type.GetString() != "object")
        {
            schema.Dispose();
            throw new ArgumentException($"tool '{tool.Name}': parameters schema must be {{\"type\": \"object\", ...}}", nameof(tool));
        }
        return schema;
    }

    private static string Declare(IChatTool tool, JsonElement parameters)
    {
        var line = new StringBuilder("{\"type\": \"function\", \"function\": {\"name\": ");
        TemplateJson.WriteString(line, tool.Name);
        line.Append(", \"description\": ");
        TemplateJson.WriteString(line, tool.Description);
        line.Append(", \"parameters\": ");
        TemplateJson.Write(line, parameters);
        line.Append("}}");
        return line.ToString();
    }
}
