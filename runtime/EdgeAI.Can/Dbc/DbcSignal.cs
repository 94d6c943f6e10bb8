namespace EdgeAI.Can.Dbc;

/// <summary>A signal (<c>SG_</c>) of a message: where its bits lie and how they scale to a physical value
/// (<c>physical = raw * Factor + Offset</c>).</summary>
public sealed class DbcSignal
{
    internal DbcSignal(string name, int startBit, int length, DbcByteOrder byteOrder, bool isSigned,
        double factor, double offset, double minimum, double maximum, string unit, IReadOnlyList<string> receivers)
    {
        Name = name;
        StartBit = startBit;
        Length = length;
        ByteOrder = byteOrder;
        IsSigned = isSigned;
        Factor = factor;
        Offset = offset;
        Minimum = minimum;
        Maximum = maximum;
        Unit = unit;
        Receivers = receivers;
        Decimals = Math.Max(DecimalPlaces(factor), DecimalPlaces(offset));
    }

    /// <summary>Decimal places of the factor and offset as written (0.1 -> 1, 0.05 -> 2): physical values of
    /// integer signals are exact at this precision, so output rounds to it (71.6, not 71.60000000000001).</summary>
    public int Decimals { get; }

    /// <summary>A physical value rounded to <see cref="Decimals"/> for display; float signals are left as they are.</summary>
    public double Round(double physical) =>
        ValueType == DbcValueType.Integer && !double.IsNaN(physical) ? Math.Round(physical, Decimals) : physical;

    private static int DecimalPlaces(double value)
    {
        for (int digits = 0; digits < 15; digits++)
            if (Math.Round(value, digits) == value) return digits;
        return 15;
    }

    /// <summary>Signal name (the <c>SystemSignalLongSymbol</c> attribute where CANdb++ kept a name longer than 32 characters).</summary>
    public string Name { get; internal set; }

    /// <summary>Start bit as the DBC writes it: the least significant bit for Intel, the most significant bit
    /// (sawtooth numbering) for Motorola.</summary>
    public int StartBit { get; }

    /// <summary>Length in bits (1..64).</summary>
    public int Length { get; }

    /// <summary>Intel or Motorola.</summary>
    public DbcByteOrder ByteOrder { get; }

    /// <summary>Two's complement (<c>-</c>) or unsigned (<c>+</c>); float signals are always signed by nature.</summary>
    public bool IsSigned { get; }

    /// <summary>Integer, float32 or float64 (<c>SIG_VALTYPE_</c>).</summary>
    public DbcValueType ValueType { get; internal set; }

    /// <summary>Scale from raw to physical.</summary>
    public double Factor { get; }

    /// <summary>Offset added after scaling.</summary>
    public double Offset { get; }

    /// <summary>Smallest physical value as declared (<c>[min|max]</c>; both 0 means not declared).</summary>
    public double Minimum { get; }

    /// <summary>Largest physical value as declared.</summary>
    public double Maximum { get; }

    /// <summary>Unit, possibly empty.</summary>
    public string Unit { get; }

    /// <summary>Receiving nodes as written (<c>Vector__XXX</c> means none).</summary>
    public IReadOnlyList<string> Receivers { get; }

    /// <summary>Part in multiplexing.</summary>
    public DbcMultiplexRole MultiplexRole { get; internal set; }

    /// <summary>The multiplexor this signal depends on (null when not multiplexed).</summary>
    public DbcSignal? Multiplexer { get; internal set; }

    /// <summary>Multiplexor raw values that select this signal: the <c>N</c> of <c>mN</c>, or the ranges of
    /// <c>SG_MUL_VAL_</c>. Empty when not multiplexed.</summary>
    public IReadOnlyList<DbcMultiplexRange> MultiplexValues { get; internal set; } = [];

    /// <summary><c>VAL_</c> labels for raw values, or null.</summary>
    public DbcValueTable? ValueDescriptions { get; internal set; }

    /// <summary>The <c>CM_ SG_</c> comment, or null.</summary>
    public string? Comment { get; internal set; }

    /// <summary>Attribute values (<c>BA_ ... SG_</c>), defaults included.</summary>
    public IReadOnlyDictionary<string, DbcAttributeValue> Attributes => AttributeValues;

    internal Dictionary<string, DbcAttributeValue> AttributeValues { get; } = new(StringComparer.Ordinal);

    /// <summary>True for <c>M</c> and <c>mNM</c> signals.</summary>
    public bool IsMultiplexor => MultiplexRole is DbcMultiplexRole.Multiplexor or DbcMultiplexRole.MultiplexedMultiplexor;

    /// <summary>True for <c>mN</c> and <c>mNM</c> signals.</summary>
    public bool IsMultiplexed => Multiplexer is not null;

    /// <summary>The physical value of a raw integer value.</summary>
    public double ToPhysical(long raw) => raw * Factor + Offset;

    /// <summary>The stored label for a raw value (<c>VAL_</c>); does not allocate.</summary>
    public bool TryGetLabel(long raw, out string label)
    {
        if (ValueDescriptions is { } table) return table.TryGetLabel(raw, out label);
        label = "";
        return false;
    }

    /// <summary>The stored label for a physical value, by the raw integer it encodes to; does not allocate.</summary>
    public bool TryGetLabelForPhysical(double physical, out string label)
    {
        label = "";
        if (ValueDescriptions is null || ValueType != DbcValueType.Integer || Factor == 0) return false;
        double raw = Math.Round((physical - Offset) / Factor);
        if (!(raw >= long.MinValue && raw < 9.2233720368547758E18)) return false;
        return ValueDescriptions.TryGetLabel((long)raw, out label);
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}
