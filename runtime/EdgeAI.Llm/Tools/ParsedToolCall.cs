namespace EdgeAI.Llm.Tools;

/// <summary>One <c>&lt;tool_call&gt;</c> block of a model answer.</summary>
/// <param name="Name">The function named, or null when the block did not name one readably.</param>
/// <param name="ArgumentsJson">The arguments as a JSON object text (<c>{}</c> when none were given); the block's raw
/// text when <paramref name="Error"/> is set.</param>
/// <param name="Error">Why the block cannot be run (invalid JSON, cut off, no name), or null.</param>
public sealed record ParsedToolCall(string? Name, string ArgumentsJson, string? Error = null);
