using System.Globalization;
using System.Text.Json;

namespace EdgeAI.Host.Hil;

/// <summary>
/// What a field or context value must be: a JSON string, number or boolean to equal, or an object
/// <c>{"contains": TEXT}</c>, <c>{"min": X, "max": Y}</c> (either bound optional) or <c>{"not": VALUE}</c>.
/// </summary>
public static class ValueMatch
{
    /// <summary>Whether <paramref name="expected"/> (as scenario.json states it) is a form this matcher knows.</summary>
    public static bool IsValid(JsonElement expected) => expected.ValueKind switch
    {
        JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null => true,
        JsonValueKind.Object => expected.EnumerateObject().Any() && expected.EnumerateObject().All(p => p.Name switch
        {
            "contains" => p.Value.ValueKind == JsonValueKind.String,
            "min" or "max" => p.Value.ValueKind == JsonValueKind.Number,
            "not" => p.Value.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array),
            _ => false,
        }),
        _ => false,
    };

    /// <summary>Whether <paramref name="actual"/> satisfies <paramref name="expected"/>.</summary>
    public static bool Matches(JsonElement expected, JsonElement actual)
    {
        if (expected.ValueKind != JsonValueKind.Object) return ScalarEquals(expected, actual);
        foreach (var p in expected.EnumerateObject())
        {
            bool ok = p.Name switch
            {
                "contains" => actual.ValueKind == JsonValueKind.String && actual.GetString()!.Contains(p.Value.GetString()!, StringComparison.Ordinal),
                "min" => actual.ValueKind == JsonValueKind.Number && actual.GetDouble() >= p.Value.GetDouble(),
                "max" => actual.ValueKind == JsonValueKind.Number && actual.GetDouble() <= p.Value.GetDouble(),
                "not" => !ScalarEquals(p.Value, actual),
                _ => false,
            };
            if (!ok) return false;
        }
        return true;
    }

    /// <summary>The expectation as text: <c>"templates"</c>, <c>min 3</c>.</summary>
    public static string Describe(JsonElement expected) => expected.ValueKind != JsonValueKind.Object ? expected.GetRawText()
        : string.Join(", ", expected.EnumerateObject().Select(p => $"{p.Name} {p.Value.GetRawText()}"));

    private static bool ScalarEquals(JsonElement expected, JsonElement actual) => expected.ValueKind switch
    {
        JsonValueKind.String => actual.ValueKind == JsonValueKind.String && actual.GetString() == expected.GetString(),
        JsonValueKind.Number => actual.ValueKind == JsonValueKind.Number && Math.Abs(actual.GetDouble() - expected.GetDouble()) <= 1e-9 * Math.Max(1, Math.Abs(expected.GetDouble())),
        JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null => actual.ValueKind == expected.ValueKind,
        _ => false,
    };

    /// <summary>A number as scenario files and reports write it.</summary>
    public static string Seconds(double s) => s.ToString("0.###", CultureInfo.InvariantCulture);
}
