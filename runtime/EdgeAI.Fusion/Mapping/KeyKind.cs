namespace EdgeAI.Fusion.Mapping;

/// <summary>How a context key's value reads.</summary>
public enum KeyKind
{
    /// <summary>A physical number in the key's unit.</summary>
    Number,
    /// <summary>True or false (stored as 1 or 0).</summary>
    Bool,
    /// <summary>One of a set of labels (stored as the raw value; the label comes with it).</summary>
    Enum,
}
