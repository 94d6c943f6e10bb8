namespace EdgeAI.Can.Logs;

/// <summary>
/// A log record that should be a CAN frame but cannot be read as one. The message is one line:
/// <c>file:line: expected ..., found '...'</c> (or <c>file@offset</c> for binary formats).
/// </summary>
public sealed class CanLogFormatException : FormatException
{
    /// <summary>An error at <paramref name="line"/> (a byte offset when <paramref name="isByteOffset"/>) of <paramref name="file"/>: <paramref name="expected"/> was expected, <paramref name="found"/> was found.</summary>
    public CanLogFormatException(string file, long line, string expected, string found, bool isByteOffset = false)
        : base(Describe(file, line, expected, found, isByteOffset))
    {
        File = file;
        Line = line;
        Expected = expected;
        Found = found;
        IsByteOffset = isByteOffset;
    }

    /// <summary>The file being read.</summary>
    public string File { get; }
    /// <summary>1-based line number, or the byte offset when <see cref="IsByteOffset"/>.</summary>
    public long Line { get; }
    /// <summary>What the reader expected there.</summary>
    public string Expected { get; }
    /// <summary>What it found (shortened).</summary>
    public string Found { get; }
    /// <summary>True for binary formats, where <see cref="Line"/> is a byte offset.</summary>
    public bool IsByteOffset { get; }

    private static string Describe(string file, long line, string expected, string found, bool isByteOffset)
    {
        if (found.Length > 80) found = found[..77] + "...";
        string where = isByteOffset ? $"{file}@{line}" : $"{file}:{line}";
        return found.Length == 0 ? $"{where}: expected {expected}" : $"{where}: expected {expected}, found '{found}'";
    }
}
