namespace EdgeAI.Services.Feeds;

/// <summary>A feed file that cannot be read: the message names the file, the line and what was expected.</summary>
public sealed class FeedFormatException(string path, int line, string message)
    : Exception(line > 0 ? $"{path}:{line}: {message}" : $"{path}: {message}")
{
    /// <summary>The file.</summary>
    public string Path { get; } = path;

    /// <summary>The 1-based line, or 0 when the problem is the whole file.</summary>
    public int Line { get; } = line;
}
