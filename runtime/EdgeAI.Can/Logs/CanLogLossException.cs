namespace EdgeAI.Can.Logs;

/// <summary>Thrown by a writer in strict mode when a frame cannot be written without losing information.</summary>
public sealed class CanLogLossException(string file, string what)
    : InvalidOperationException($"{file}: cannot write without losing information: {what} (drop --strict to convert anyway)")
{
    /// <summary>The output file.</summary>
    public string File { get; } = file;
    /// <summary>What would be lost.</summary>
    public string What { get; } = what;
}
