namespace EdgeAI.Services.TrafficLights;

/// <summary>A SPaT or MAP file that cannot be read: the message names the file, the line (or the JSON path) and what was expected.</summary>
public sealed class SpatFormatException(string path, int line, string message)
    : Exception(line > 0 ? $"{path}:{line}: {message}" : $"{path}: {message}")
{
    /// <summary>The file.</summary>
    public string Path { get; } = path;

    /// <summary>The 1-based line, or 0 when the problem is located by a JSON path in the message.</summary>
    public int Line { get; } = line;
}
