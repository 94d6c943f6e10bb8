using EdgeAI.Fusion.Mapping;

namespace EdgeAI.Fusion.Context;

/// <summary>The latest value of one key at a moment.</summary>
/// <param name="Value">The value in the key's unit (flags 1/0; labels their raw value); NaN when never seen.</param>
/// <param name="TimeNs">When it was last updated (ns since the Unix epoch; 0 when never).</param>
/// <param name="AgeNs">How long before the moment asked for it was updated.</param>
/// <param name="Quality">How far it can be trusted.</param>
/// <param name="Source">Where it came from.</param>
public readonly record struct ContextReading(double Value, long TimeNs, long AgeNs, ContextQuality Quality, KeySource Source)
{
    /// <summary>True when the value is fresh, plausible and protected.</summary>
    public bool IsValid => Quality == ContextQuality.Valid;

    /// <summary>True when a value has arrived at all (it may be stale or implausible).</summary>
    public bool HasValue => Quality != ContextQuality.NeverSeen;

    /// <summary>A flag's value.</summary>
    public bool IsSet => Value != 0 && !double.IsNaN(Value);
}
