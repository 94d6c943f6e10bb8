namespace EdgeAI.Llm.Chat;

/// <summary>Where a generated token goes (see <see cref="AnswerRouter"/>).</summary>
internal enum TokenRoute
{
    /// <summary>Answer text: decoded, kept and streamed.</summary>
    Visible,

    /// <summary>A tool call (&lt;tool_call&gt;...&lt;/tool_call&gt;): decoded and kept for the tool layer, not streamed.</summary>
    ToolCall,

    /// <summary>Thinking (&lt;think&gt;...&lt;/think&gt;): neither streamed nor kept.</summary>
    Thinking,

    /// <summary>The end of the answer.</summary>
    End,
}
