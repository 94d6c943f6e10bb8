namespace EdgeAI.Voice.Pocketsphinx;

/// <summary>
/// pocketsphinx refused something (a model folder, a dictionary word, a grammar, a search), or its library is not
/// installed. The message is one line: what was asked, and pocketsphinx's own last error or what to install.
/// </summary>
public sealed class PocketsphinxException : Exception
{
    /// <summary>An error with its one-line message.</summary>
    public PocketsphinxException(string message) : base(message) { }

    /// <summary>An error caused by <paramref name="inner"/>.</summary>
    public PocketsphinxException(string message, Exception inner) : base(message, inner) { }
}
