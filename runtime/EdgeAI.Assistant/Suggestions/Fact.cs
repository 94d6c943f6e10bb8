namespace EdgeAI.Assistant.Suggestions;

/// <summary>What sort of fact: the grounding check compares each sort its own way.</summary>
public enum FactKind
{
    /// <summary>A number with an optional unit ("14 %", "41 km").</summary>
    Number,
    /// <summary>A proper name (a charger, a street, a restaurant).</summary>
    Name,
    /// <summary>A clock time ("12:15").</summary>
    Time,
    /// <summary>Words that may appear but are not checked (a cuisine).</summary>
    Text,
}

/// <summary>One fact a suggestion rests on: the value as the templates show it.</summary>
/// <param name="Name">Its name in templates (<c>{soc}</c>) and in the grounding object.</param>
/// <param name="Value">The value as shown ("14", "Ladepark Rudower Chaussee", "12:15").</param>
/// <param name="Kind">Its sort.</param>
/// <param name="Unit">Its unit ("%", "km", "min", "kW"), or null.</param>
/// <param name="Source">Where it came from: a context key, or a service ("charging_planner").</param>
public sealed record Fact(string Name, string Value, FactKind Kind, string? Unit = null, string? Source = null)
{
    /// <summary>The value with its unit, as a template inserts it ("14 %", "3 min").</summary>
    public string Shown => Unit is null or "" ? Value : Unit == "%" ? Value + " %" : Value + " " + Unit;
}
