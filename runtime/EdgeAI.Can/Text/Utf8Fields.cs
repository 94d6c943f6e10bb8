namespace EdgeAI.Can.Text;

/// <summary>
/// Splits a line into blank-separated fields (spaces or tabs, any number) without allocating;
/// each field is a slice of the line.
/// </summary>
internal ref struct Utf8Fields
{
    private ReadOnlySpan<byte> _rest;

    public Utf8Fields(ReadOnlySpan<byte> line) => _rest = line;

    /// <summary>What is left after the fields taken so far, without leading blanks.</summary>
    public readonly ReadOnlySpan<byte> Rest => TrimStart(_rest);

    /// <summary>True when no field is left.</summary>
    public readonly bool IsEmpty => Rest.IsEmpty;

    /// <summary>The next field; false when the line has no more.</summary>
    public bool TryNext(out ReadOnlySpan<byte> field)
    {
        var rest = TrimStart(_rest);
        // Fields are a few bytes long: a plain loop beats a vectorized search here.
        int end = 0;
        while (end < rest.Length && rest[end] != (byte)' ' && rest[end] != (byte)'\t') end++;
        field = rest[..end];
        _rest = rest[end..];
        return end > 0;
    }

    /// <summary>The next field, or an empty span when the line has no more.</summary>
    public ReadOnlySpan<byte> Next()
    {
        TryNext(out var field);
        return field;
    }

    /// <summary>Line with blanks (spaces, tabs) removed at both ends.</summary>
    public static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> line)
    {
        line = TrimStart(line);
        int end = line.Length;
        while (end > 0 && (line[end - 1] == (byte)' ' || line[end - 1] == (byte)'\t')) end--;
        return line[..end];
    }

    private static ReadOnlySpan<byte> TrimStart(ReadOnlySpan<byte> text)
    {
        int i = 0;
        while (i < text.Length && (text[i] == (byte)' ' || text[i] == (byte)'\t')) i++;
        return text[i..];
    }
}
