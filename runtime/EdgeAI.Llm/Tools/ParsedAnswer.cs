namespace EdgeAI.Llm.Tools;

/// <summary>A model answer split by <see cref="ToolCallParser"/>: its tool calls in order, and the text outside them.</summary>
/// <param name="Calls">The <c>&lt;tool_call&gt;</c> blocks, in the order written.</param>
/// <param name="Text">The answer without the blocks, trimmed.</param>
public sealed record ParsedAnswer(IReadOnlyList<ParsedToolCall> Calls, string Text);
