namespace EdgeAI.Events;

/// <summary>A tool an answer used, as an <c>answer</c> event's <c>tools[]</c> carries it (docs/events.md).</summary>
/// <param name="Name">The tool.</param>
/// <param name="Arguments">Its arguments (JSON).</param>
/// <param name="Result">Its result (JSON).</param>
public sealed record ToolUse(string Name, string Arguments, string Result);
