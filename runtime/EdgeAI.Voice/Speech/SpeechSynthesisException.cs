namespace EdgeAI.Voice.Speech;

/// <summary>
/// Speech synthesis failed: the engine is not installed (the message names the Debian package), refused the voice, or
/// wrote something that is not audio. The message is one line; <c>edgeai</c> prints it and exits with code 1.
/// </summary>
public sealed class SpeechSynthesisException : IOException
{
    /// <summary>Creates the exception with its one-line message.</summary>
    public SpeechSynthesisException(string message) : base(message) { }

    /// <summary>Creates the exception with its one-line message and the failure underneath.</summary>
    public SpeechSynthesisException(string message, Exception inner) : base(message, inner) { }
}
