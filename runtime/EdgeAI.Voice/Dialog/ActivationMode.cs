namespace EdgeAI.Voice.Dialog;

/// <summary>What opens the dialog's ear.</summary>
public enum ActivationMode
{
    /// <summary>Every stretch of speech is a request (a recorded command file).</summary>
    Always,
    /// <summary>The wake phrase, then the request.</summary>
    WakePhrase,
    /// <summary>A button (GPIO) or key: pressed opens, released (or the end of speech) closes.</summary>
    PushToTalk,
}
