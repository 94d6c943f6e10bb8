using EdgeAI.Assistant.Engine;
using EdgeAI.Fusion.Context;
using EdgeAI.Fusion.Mapping;
using EdgeAI.TestKit;

namespace EdgeAI.Assistant.Tests.Fixtures;

/// <summary>
/// A vehicle context a test scripts: each key's value and when it arrived, read back with the quality
/// <see cref="VehicleContext"/> gives (never seen, implausible, stale, valid; in that order). The keys, with their
/// staleness limits and plausible ranges, are those of the demo car (models/vehicle/edgeai_demo.signals.json plus the
/// built-in and derived keys), so a test sees what a drive would.
/// </summary>
public sealed class ScriptedContext : IContextReader
{
    private static readonly Lazy<Dictionary<string, ContextKey>> DemoKeys = new(() =>
        new VehicleContext(SignalMap.Load(RepoPaths.Get("models", "vehicle", "edgeai_demo.signals.json"))).Keys.ToDictionary(k => k.Name, StringComparer.Ordinal));

    private readonly Dictionary<string, (double Value, long TimeNs)> _values = new(StringComparer.Ordinal);

    /// <summary>The key <paramref name="name"/> of the demo car.</summary>
    /// <exception cref="KeyNotFoundException">the demo car has no such key.</exception>
    public static ContextKey Key(string name) =>
        DemoKeys.Value.TryGetValue(name, out var key) ? key : throw new KeyNotFoundException($"the demo car's context has no key {name}");

    /// <summary>A value of <paramref name="key"/> that arrived at <paramref name="timeNs"/>.</summary>
    public void Set(string key, double value, long timeNs)
    {
        Key(key);
        _values[key] = (value, timeNs);
    }

    /// <summary>Forgets <paramref name="key"/>: it reads as never seen again.</summary>
    public void Forget(string key) => _values.Remove(key);

    /// <inheritdoc/>
    public ContextReading Read(string key, long nowNs)
    {
        if (!DemoKeys.Value.TryGetValue(key, out var k) || !_values.TryGetValue(key, out var v))
            return new ContextReading(double.NaN, 0, 0, ContextQuality.NeverSeen, default);
        long age = Math.Max(0, nowNs - v.TimeNs);
        var quality = k.IsImplausible(v.Value) ? ContextQuality.Implausible : age > k.StaleAfterNs ? ContextQuality.Stale : ContextQuality.Valid;
        return new ContextReading(v.Value, v.TimeNs, age, quality, KeySource.Can);
    }

    /// <inheritdoc/>
    public string? Label(string key, long nowNs) => Read(key, nowNs) is { IsValid: true } r ? Key(key).LabelOf(r.Value) : null;
}
