namespace EdgeAI.Drivers.Audio;

/// <summary>
/// Audio that cannot be read: truncated, corrupt or in an encoding this reader does not support. The message is one
/// line, <c>NAME: byte OFFSET: what was found; expected what</c>, which <c>edgeai</c> prints as it is with exit code 2.
/// </summary>
public sealed class AudioFormatException : FormatException
{
    /// <summary>Creates the exception for <paramref name="name"/> at byte <paramref name="offset"/>.</summary>
    /// <param name="name">The file path, or <c>-</c> / <c>stdin</c> for a stream.</param>
    /// <param name="offset">Byte offset from the start of the file or stream where the problem is.</param>
    /// <param name="found">What was there (or that the input ended).</param>
    /// <param name="expected">What the reader needed there.</param>
    public AudioFormatException(string name, long offset, string found, string expected)
        : base($"{name}: byte {offset}: {found}; expected {expected}")
    {
        SourceName = name;
        Offset = offset;
        Expected = expected;
    }

    /// <summary>The file path or stream name.</summary>
    public string SourceName { get; }
    /// <summary>Byte offset of the problem from the start of the input.</summary>
    public long Offset { get; }
    /// <summary>What the reader needed at <see cref="Offset"/>.</summary>
    public string Expected { get; }
}
