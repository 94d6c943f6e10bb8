namespace EdgeAI.Llm.Chat;

/// <summary>What a <see cref="ChatEvent"/> carries; the names are the `type` of `edgeai chat --json` lines.</summary>
public enum ChatEventKind
{
    /// <summary>A piece of answer text (always whole UTF-8 characters).</summary>
    Token,

    /// <summary>The model asked for a tool: <see cref="ChatEvent.Name"/> and <see cref="ChatEvent.Arguments"/> (JSON).</summary>
    ToolCall,

    /// <summary>What the tool returned (<see cref="ChatEvent.Text"/>, JSON), or the error sent back to the model.</summary>
    ToolResult,

    /// <summary>The turn is over; <see cref="ChatEvent.Metrics"/> holds its figures.</summary>
    Done,
}
