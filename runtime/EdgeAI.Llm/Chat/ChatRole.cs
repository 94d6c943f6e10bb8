namespace EdgeAI.Llm.Chat;

/// <summary>Who said a message, as the Qwen chat template names it.</summary>
public enum ChatRole
{
    System,
    User,
    Assistant,
    Tool,
}
