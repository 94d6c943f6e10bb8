using EdgeAI.Fusion.Context;

namespace EdgeAI.Assistant.Engine;

/// <summary>Where triggers read the vehicle context: the live <see cref="VehicleContext"/> in a drive, a scripted one in
/// a trigger's tests.</summary>
public interface IContextReader
{
    /// <summary>The latest value of <paramref name="key"/> at <paramref name="nowNs"/>; <see cref="ContextQuality.NeverSeen"/>
    /// when the vehicle's map has no such key.</summary>
    ContextReading Read(string key, long nowNs);

    /// <summary>The label of an enum key's value ("D"), or null.</summary>
    string? Label(string key, long nowNs);
}

/// <summary>Reads a <see cref="VehicleContext"/> (on its writer thread).</summary>
public sealed class VehicleContextReader(VehicleContext context) : IContextReader
{
    private static readonly ContextReading Missing = new(double.NaN, 0, 0, ContextQuality.NeverSeen, default);

    /// <inheritdoc/>
    public ContextReading Read(string key, long nowNs) => context.IndexOf(key) is >= 0 and var i ? context.Read(i, nowNs) : Missing;

    /// <inheritdoc/>
    public string? Label(string key, long nowNs) =>
        context.IndexOf(key) is >= 0 and var i && context.Read(i, nowNs) is { IsValid: true } r ? context.Keys[i].LabelOf(r.Value) : null;
}
