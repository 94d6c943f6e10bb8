namespace EdgeAI.Can.Dbc;

/// <summary>
/// One signal compiled for decoding: an 8-byte window read at <see cref="Byte"/> (plus a ninth byte for signals
/// that straddle it), the shift and mask that cut the raw value out of it, and the scaling.
/// </summary>
internal struct SignalPlan
{
    /// <summary>Index in the message's signals (and in the values span).</summary>
    public int Output;
    /// <summary>First byte of the window.</summary>
    public int Byte;
    /// <summary>Intel: the LSB's bit offset in the little-endian window. Motorola: the MSB's offset from the top of the big-endian window.</summary>
    public int Shift;
    /// <summary>Length in bits.</summary>
    public int Length;
    /// <summary>Payload bytes needed; shorter frames give NaN.</summary>
    public int EndByte;
    public bool Motorola;
    public bool Signed;
    /// <summary>Factor 1 and offset 0: the raw number is the physical value (keeps -0.0 and large integers exact).</summary>
    public bool Identity;
    public DbcValueType ValueType;
    public ulong Mask;
    public double Factor;
    public double Offset;
    /// <summary>Encoding clamps below this raw value (signed) ...</summary>
    public double RawLow;
    /// <summary>... and at or above this one (2^Length or 2^(Length-1)).</summary>
    public double RawHighExclusive;
    /// <summary>Slot of the multiplexor that selects this signal; -1 when always present.</summary>
    public int MuxSlot;
    /// <summary>Slot this multiplexor writes its raw value to; -1 when not a multiplexor.</summary>
    public int OwnSlot;
    /// <summary>This signal's multiplexor value ranges in the decoder's range array.</summary>
    public int RangeStart;
    public int RangeCount;
}
