namespace EdgeAI.Fusion.Context;

/// <summary>One key in a snapshot: what it is, its reading, and its label when it has one.</summary>
public sealed record ContextEntry(ContextKey Key, ContextReading Reading, string? Label);
