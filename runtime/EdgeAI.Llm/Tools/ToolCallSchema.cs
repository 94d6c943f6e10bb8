using System.Text.Json.Nodes;

namespace EdgeAI.Llm.Tools;

/// <summary>
/// The JSON schema of one Qwen tool call, <c>{"name": ..., "arguments": {...}}</c>, with each tool's own argument
/// schema: the constraint GenAI's guidance (llguidance) decodes under, so the call is valid by construction.
/// Whitespace is fixed to Qwen's own separators, so even a model with nothing to say writes a finished call.
/// </summary>
public static class ToolCallSchema
{
    /// <summary>The schema for a call to any of <paramref name="tools"/>, or only to <paramref name="onlyTool"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="onlyTool"/> is not one of the tools.</exception>
    public static string For(ToolRegistry tools, string? onlyTool = null)
    {
        ArgumentNullException.ThrowIfNull(tools);
        var choices = new JsonArray();
        foreach (IChatTool tool in tools.Tools)
        {
            if (onlyTool is not null && tool.Name != onlyTool)
            {
                continue;
            }

            choices.Add((JsonNode)new JsonObject
            {
                ["type"] = "object",
                ["properties"] = new JsonObject
                {
                    ["name"] = new JsonObject { ["const"] = tool.Name },
                    ["arguments"] = JsonNode.Parse(tool.ParametersSchema),
                },
                ["required"] = new JsonArray("name", "arguments"),
                ["additionalProperties"] = false,
            });
        }

        if (choices.Count == 0)
        {
            throw new ArgumentException($"unknown tool \"{onlyTool}\"; known tools: {tools.Names}", nameof(onlyTool));
        }

        var schema = new JsonObject
        {
            ["x-guidance"] = new JsonObject { ["whitespace_flexible"] = false, ["key_separator"] = ": ", ["item_separator"] = ", " },
            ["anyOf"] = choices,
        };
        return schema.ToJsonString();
    }
}
