using System.Text.Json;

namespace EdgeAI.Llm.Tools;

/// <summary>
/// A function the model may call. Declared to the model by name, description and a JSON Schema of its arguments;
/// <see cref="ToolRegistry"/> validates arguments against the schema before <see cref="Invoke"/> sees them.
/// </summary>
public interface IChatTool
{
    /// <summary>Function name the model writes in its <c>&lt;tool_call&gt;</c> (snake_case).</summary>
    string Name { get; }

    /// <summary>One or two sentences telling the model when to call it.</summary>
    string Description { get; }

    /// <summary>JSON Schema text (type object) of the arguments, in the subset <see cref="JsonSchemaValidator"/> supports.</summary>
    string ParametersSchema { get; }

    /// <summary>Runs the tool on arguments that already passed the schema; returns a JSON object text.</summary>
    string Invoke(JsonElement arguments);
}
