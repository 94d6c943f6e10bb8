namespace EdgeAI.Fusion.Mapping;

/// <summary>One context key fed by one DBC signal.</summary>
/// <param name="Key">The context key (a COVESA VSS path where one exists, else <c>EdgeAI.*</c>).</param>
/// <param name="Message">The DBC message's name.</param>
/// <param name="Signal">The signal's name within the message.</param>
/// <param name="Kind">How the value reads.</param>
/// <param name="Unit">The key's unit ("" for flags and labels).</param>
/// <param name="Scale">Physical DBC value times this ...</param>
/// <param name="Offset">... plus this gives the key's value (the unit conversion).</param>
/// <param name="Minimum">Smallest plausible value in the key's unit (NaN: no lower bound).</param>
/// <param name="Maximum">Largest plausible value in the key's unit (NaN: no upper bound).</param>
/// <param name="StaleAfterNs">Age after which the value is stale.</param>
/// <param name="TrueValues">For <see cref="KeyKind.Bool"/>: the DBC values that mean true (empty: any non-zero value).</param>
/// <param name="Labels">For <see cref="KeyKind.Enum"/>: raw value to label, from the map or the DBC's value table.</param>
public sealed record SignalMapEntry(
    string Key,
    string Message,
    string Signal,
    KeyKind Kind,
    string Unit,
    double Scale,
    double Offset,
    double Minimum,
    double Maximum,
    long StaleAfterNs,
    IReadOnlyList<double> TrueValues,
    IReadOnlyDictionary<long, string> Labels);
