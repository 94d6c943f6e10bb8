namespace EdgeAI.Can.Dbc;

/// <summary>Multiplexor raw values (inclusive) for which a multiplexed signal is present.</summary>
/// <param name="Low">Smallest raw value.</param>
/// <param name="High">Largest raw value.</param>
public readonly record struct DbcMultiplexRange(long Low, long High)
{
    /// <summary>True when <paramref name="value"/> lies in the range.</summary>
    public bool Contains(long value) => value >= Low && value <= High;

    /// <inheritdoc />
    public override string ToString() => Low == High ? Low.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{Low}-{High}";
}
