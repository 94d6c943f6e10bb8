namespace EdgeAI.Llm.Chat;

/// <summary>Who said a message, as the Qwen chat template names it.</summary>
public enum ChatRole
{
    /// <summary>The system prompt.</summary>
    System,
    /// <summary>The user.</summary>
    User,
    /// <summary>The assistant.</summary>
    Assistant,
    /// <summary>A tool's result.</summary>
    Tool,
}
