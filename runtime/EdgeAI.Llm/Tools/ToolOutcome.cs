namespace EdgeAI.Llm.Tools;

/// <summary>What a tool call produced: the tool's JSON result, or (<see cref="IsError"/>) a JSON
/// <c>{"error": "..."}</c> the model can read and correct its call from.</summary>
/// <param name="Name">The tool called (as the model named it; empty when it named none).</param>
/// <param name="ResultJson">A JSON object text, fed back to the model as the tool message.</param>
/// <param name="IsError">True when the call was not run: unknown tool, unparsable call or arguments against the schema.</param>
public readonly record struct ToolOutcome(string Name, string ResultJson, bool IsError);
