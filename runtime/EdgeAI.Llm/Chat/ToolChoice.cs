namespace EdgeAI.Llm.Chat;

/// <summary>
/// Whether the model must call a tool in its next answer (Microsoft.Extensions.AI's ChatToolMode). A required call is
/// decoded under GenAI's guidance with the tools' schemas, so it is valid by construction.
/// </summary>
/// <param name="Required">The answer must be a tool call.</param>
/// <param name="Name">The tool it must call; null for any.</param>
public readonly record struct ToolChoice(bool Required, string? Name = null)
{
    /// <summary>The model decides (the default).</summary>
    public static ToolChoice Auto => default;

    /// <summary>The model must call one of the tools.</summary>
    public static ToolChoice Any => new(true);

    /// <summary>The model must call <paramref name="name"/>.</summary>
    public static ToolChoice Named(string name) => new(true, name);
}
