namespace EdgeAI.Voice.Echo;

/// <summary>
/// The echo canceller's native library is not installed. The message is one line naming the Debian package
/// (libspeexdsp1); <c>edgeai</c> prints it and exits with code 1.
/// </summary>
public sealed class EchoCancellerUnavailableException : IOException
{
    /// <summary>Creates the exception with its one-line message.</summary>
    public EchoCancellerUnavailableException(string message) : base(message) { }
}
