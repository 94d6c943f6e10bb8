using System.Text.Json;

namespace EdgeAI.Host.Hil;

/// <summary>
/// Which events an expectation means: a <c>type</c>, optionally a <c>kind</c>, and <c>fields</c> whose values must
/// match (<see cref="ValueMatch"/>); a field name may be a dotted path into the event (<c>data.key</c>).
/// </summary>
/// <param name="Type">The event type.</param>
/// <param name="Kind">The kind, or null for any.</param>
/// <param name="Fields">Field paths and what their values must be.</param>
public sealed record EventMatch(string Type, string? Kind, IReadOnlyList<KeyValuePair<string, JsonElement>> Fields)
{
    /// <summary>Whether <paramref name="e"/> is such an event.</summary>
    public bool Matches(HilEvent e)
    {
        if (e.Type != Type || Kind is not null && e.Kind != Kind) return false;
        foreach (var (path, expected) in Fields)
            if (!TryGet(e.Root, path, out var actual) || !ValueMatch.Matches(expected, actual)) return false;
        return true;
    }

    /// <summary>Whether <paramref name="e"/> has this type and kind (fields aside): the near misses a report shows.</summary>
    public bool IsSameSort(HilEvent e) => e.Type == Type && (Kind is null || e.Kind == Kind);

    /// <summary><c>suggestion/charging {by = "templates"}</c>.</summary>
    public override string ToString() =>
        Type + (Kind is null ? "" : "/" + Kind) + (Fields.Count == 0 ? "" : " {" + string.Join(", ", Fields.Select(f => $"{f.Key} = {ValueMatch.Describe(f.Value)}")) + "}");

    /// <summary>The value at a dotted <paramref name="path"/> of <paramref name="root"/>.</summary>
    public static bool TryGet(JsonElement root, string path, out JsonElement value)
    {
        value = root;
        foreach (var part in path.Split('.'))
            if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty(part, out value)) return false;
        return true;
    }
}
