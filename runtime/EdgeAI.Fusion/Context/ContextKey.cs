using EdgeAI.Fusion.Mapping;

namespace EdgeAI.Fusion.Context;

/// <summary>One key of the context: its name, how it reads, its unit and when it goes stale.</summary>
/// <param name="Name">A COVESA VSS path where one exists, else <c>EdgeAI.*</c>.</param>
/// <param name="Kind">Number, flag or label.</param>
/// <param name="Unit">The unit of its value ("" for flags and labels).</param>
/// <param name="StaleAfterNs">Age after which the value is stale (<see cref="long.MaxValue"/>: never).</param>
/// <param name="Labels">For labels: value to label.</param>
/// <param name="Minimum">Smallest plausible value (NaN: none).</param>
/// <param name="Maximum">Largest plausible value (NaN: none).</param>
public sealed record ContextKey(string Name, KeyKind Kind, string Unit, long StaleAfterNs, IReadOnlyDictionary<long, string> Labels,
    double Minimum = double.NaN, double Maximum = double.NaN)
{
    /// <summary>True when <paramref name="value"/> lies outside the plausible range.</summary>
    public bool IsImplausible(double value) => value < Minimum || value > Maximum;

    /// <summary>The label of a value, or null.</summary>
    public string? LabelOf(double value) =>
        Kind == KeyKind.Enum && double.IsFinite(value) && Labels.TryGetValue((long)value, out var label) ? label : null;
}
