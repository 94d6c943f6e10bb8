namespace EdgeAI.Can.Dbc;

/// <summary>
/// A DBC file that cannot be read. The message is one line: <c>file:line:column: expected ..., found '...'</c>.
/// </summary>
public sealed class DbcFormatException : FormatException
{
    /// <param name="file">The file's name as shown to the user.</param>
    /// <param name="line">1-based line.</param>
    /// <param name="column">1-based column.</param>
    /// <param name="expected">What should have been there.</param>
    /// <param name="found">What was there: a token (quoted in the message), or a phrase such as <c>end of line</c>.</param>
    /// <param name="foundIsToken">False when <paramref name="found"/> is a phrase, written without quotes.</param>
    public DbcFormatException(string file, int line, int column, string expected, string found, bool foundIsToken = true)
        : base(Describe(file, line, column, expected, found, foundIsToken))
    {
        File = file;
        Line = line;
        Column = column;
        Expected = expected;
        Found = found;
    }

    /// <summary>The file being read.</summary>
    public string File { get; }
    /// <summary>1-based line number.</summary>
    public int Line { get; }
    /// <summary>1-based column number.</summary>
    public int Column { get; }
    /// <summary>What the parser expected.</summary>
    public string Expected { get; }
    /// <summary>What it found (shortened).</summary>
    public string Found { get; }

    private static string Describe(string file, int line, int column, string expected, string found, bool foundIsToken)
    {
        if (found.Length > 40) found = found[..37] + "...";
        string where = $"{file}:{line}:{column}";
        if (found.Length == 0) return $"{where}: expected {expected}";
        return foundIsToken ? $"{where}: expected {expected}, found '{found}'" : $"{where}: expected {expected}, found {found}";
    }
}
