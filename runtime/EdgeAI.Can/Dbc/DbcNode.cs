namespace EdgeAI.Can.Dbc;

/// <summary>A node (ECU) from <c>BU_</c>.</summary>
public sealed class DbcNode
{
    internal DbcNode(string name) => Name = name;

    /// <summary>Node name (the <c>SystemNodeLongSymbol</c> attribute where CANdb++ kept a name longer than 32 characters).</summary>
    public string Name { get; internal set; }

    /// <summary>The <c>CM_ BU_</c> comment, or null.</summary>
    public string? Comment { get; internal set; }

    /// <summary>Attribute values (<c>BA_ ... BU_</c>), defaults included.</summary>
    public IReadOnlyDictionary<string, DbcAttributeValue> Attributes => AttributeValues;

    internal Dictionary<string, DbcAttributeValue> AttributeValues { get; } = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public override string ToString() => Name;
}
