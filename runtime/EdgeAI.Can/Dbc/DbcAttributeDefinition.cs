namespace EdgeAI.Can.Dbc;

/// <summary>A <c>BA_DEF_</c> (or <c>BA_DEF_REL_</c>) attribute definition with its <c>BA_DEF_DEF_</c> default.</summary>
public sealed class DbcAttributeDefinition
{
    internal DbcAttributeDefinition(string name, DbcAttributeTarget target, DbcAttributeKind kind, double minimum, double maximum, IReadOnlyList<string> enumValues)
    {
        Name = name;
        Target = target;
        Kind = kind;
        Minimum = minimum;
        Maximum = maximum;
        EnumValues = enumValues;
    }

    /// <summary>Attribute name, e.g. <c>GenMsgCycleTime</c>.</summary>
    public string Name { get; }

    /// <summary>Which objects it applies to.</summary>
    public DbcAttributeTarget Target { get; }

    /// <summary>Value type.</summary>
    public DbcAttributeKind Kind { get; }

    /// <summary>Smallest value for INT/HEX/FLOAT (0 otherwise).</summary>
    public double Minimum { get; }

    /// <summary>Largest value for INT/HEX/FLOAT (0 otherwise).</summary>
    public double Maximum { get; }

    /// <summary>The labels of an ENUM, in index order; empty otherwise.</summary>
    public IReadOnlyList<string> EnumValues { get; }

    /// <summary>The <c>BA_DEF_DEF_</c> default, when the file gives one.</summary>
    public DbcAttributeValue? Default { get; internal set; }
}
