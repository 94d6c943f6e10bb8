namespace EdgeAI.Can.Dbc;

/// <summary>Labels for raw values: a named <c>VAL_TABLE_</c>, or the <c>VAL_</c> descriptions of one signal.</summary>
public sealed class DbcValueTable
{
    private readonly Dictionary<long, string> _labels;

    internal DbcValueTable(string name, Dictionary<long, string> labels)
    {
        Name = name;
        _labels = labels;
    }

    /// <summary>The table's name (for a signal's <c>VAL_</c>: the signal's name).</summary>
    public string Name { get; }

    /// <summary>Raw value to label.</summary>
    public IReadOnlyDictionary<long, string> Labels => _labels;

    /// <summary>Number of labels.</summary>
    public int Count => _labels.Count;

    /// <summary>The stored label of a raw value; does not allocate.</summary>
    public bool TryGetLabel(long raw, out string label)
    {
        if (_labels.TryGetValue(raw, out var found)) { label = found; return true; }
        label = "";
        return false;
    }
}
