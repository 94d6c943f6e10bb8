namespace EdgeAI.Llm.Vehicle;

/// <summary>
/// The latest value of one vehicle signal and how old it is.
/// </summary>
/// <param name="Value">Physical value in the DBC's unit.</param>
/// <param name="TimestampNs">When the frame that carried it was received (ns, the log's clock).</param>
/// <param name="Age">How long before the store's "now" the value was last updated.</param>
/// <param name="Label">The DBC value-table (<c>VAL_</c>) label for the value, when the DBC has one.</param>
public readonly record struct SignalReading(double Value, long TimestampNs, TimeSpan Age, string? Label)
{
    /// <summary>The value read as a flag (DBC 1-bit signals: 1 = true).</summary>
    public bool IsSet => Value != 0;
}
