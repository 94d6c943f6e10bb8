namespace EdgeAI.Can.Dbc;

/// <summary>How a signal's bits lie in the payload (<c>@1</c> / <c>@0</c> in a DBC).</summary>
public enum DbcByteOrder
{
    /// <summary>Intel, little-endian (<c>@1</c>): the start bit is the least significant bit.</summary>
    LittleEndian = 1,
    /// <summary>Motorola, big-endian (<c>@0</c>): the start bit is the most significant bit, in sawtooth numbering
    /// (bit 7 of byte 0 is bit 7, bit 0 of byte 1 is bit 8).</summary>
    BigEndian = 0,
}
