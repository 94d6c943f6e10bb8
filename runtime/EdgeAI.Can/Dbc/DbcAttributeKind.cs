namespace EdgeAI.Can.Dbc;

/// <summary>The value type of a <c>BA_DEF_</c> attribute definition.</summary>
public enum DbcAttributeKind
{
    /// <summary><c>INT min max</c>.</summary>
    Int,
    /// <summary><c>HEX min max</c>.</summary>
    Hex,
    /// <summary><c>FLOAT min max</c>.</summary>
    Float,
    /// <summary><c>STRING</c>.</summary>
    String,
    /// <summary><c>ENUM "a","b",...</c>: values are indexes into the labels.</summary>
    Enum,
}
