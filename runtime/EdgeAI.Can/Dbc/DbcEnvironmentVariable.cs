namespace EdgeAI.Can.Dbc;

/// <summary>An environment variable (<c>EV_</c>); kept for completeness, not used in decoding.</summary>
public sealed class DbcEnvironmentVariable
{
    internal DbcEnvironmentVariable(string name, int type, double minimum, double maximum, string unit, double initial, long id, string accessType, IReadOnlyList<string> accessNodes)
    {
        Name = name;
        Type = type;
        Minimum = minimum;
        Maximum = maximum;
        Unit = unit;
        Initial = initial;
        Id = id;
        AccessType = accessType;
        AccessNodes = accessNodes;
    }

    /// <summary>Variable name.</summary>
    public string Name { get; }

    /// <summary>0 integer, 1 float, 2 string (data when <see cref="DataSize"/> is set).</summary>
    public int Type { get; }

    /// <summary>Smallest value.</summary>
    public double Minimum { get; }

    /// <summary>Largest value.</summary>
    public double Maximum { get; }

    /// <summary>Unit.</summary>
    public string Unit { get; }

    /// <summary>Initial value.</summary>
    public double Initial { get; }

    /// <summary>Id as written.</summary>
    public long Id { get; }

    /// <summary>Access keyword, e.g. <c>DUMMY_NODE_VECTOR0</c>.</summary>
    public string AccessType { get; }

    /// <summary>Nodes that access the variable.</summary>
    public IReadOnlyList<string> AccessNodes { get; }

    /// <summary>Bytes of data from <c>ENVVAR_DATA_</c>, or null.</summary>
    public int? DataSize { get; internal set; }

    /// <summary>The <c>CM_ EV_</c> comment, or null.</summary>
    public string? Comment { get; internal set; }

    /// <summary><c>VAL_</c> labels for the variable, or null.</summary>
    public DbcValueTable? ValueDescriptions { get; internal set; }

    /// <summary>Attribute values (<c>BA_ ... EV_</c>), defaults included.</summary>
    public IReadOnlyDictionary<string, DbcAttributeValue> Attributes => AttributeValues;

    internal Dictionary<string, DbcAttributeValue> AttributeValues { get; } = new(StringComparer.Ordinal);
}
