namespace EdgeAI.Voice.Intents;

/// <summary>
/// What a transcript asks for: one of <see cref="IntentNames"/> with its slots (<c>poi</c>, <c>category</c>,
/// <c>cuisine</c>, <c>celsius</c>, <c>contact</c>), or <see cref="IntentNames.Question"/> with the whole transcript
/// when no intent fits (the LLM answers it when one is loaded).
/// </summary>
/// <param name="Name">One of <see cref="IntentNames"/>.</param>
/// <param name="Slots">Slot name to value, values lower case as spoken (numbers as digits).</param>
/// <param name="Transcript">The words it came from.</param>
public sealed record Intent(string Name, IReadOnlyDictionary<string, string> Slots, string Transcript)
{
    /// <summary>The value of <paramref name="slot"/>, or null.</summary>
    public string? Slot(string slot) => Slots.TryGetValue(slot, out var value) ? value : null;
}

/// <summary>The intents the voice path knows; the grammar and the parser are generated from the same list.</summary>
public static class IntentNames
{
    /// <summary>Navigate to a place by name (slot <c>poi</c>) or category (slot <c>category</c>).</summary>
    public const string Navigate = "navigate";
    /// <summary>Find parking nearby.</summary>
    public const string FindParking = "find_parking";
    /// <summary>Find a charger nearby.</summary>
    public const string FindCharger = "find_charger";
    /// <summary>Find a restaurant, optionally of a cuisine (slot <c>cuisine</c>).</summary>
    public const string FindRestaurant = "find_restaurant";
    /// <summary>How long until the light ahead turns green.</summary>
    public const string TimeToGreen = "time_to_green";
    /// <summary>Set the cabin temperature (slot <c>celsius</c>).</summary>
    public const string SetTemperature = "set_temperature";
    /// <summary>What is my range.</summary>
    public const string Range = "range";
    /// <summary>Call someone (slot <c>contact</c>).</summary>
    public const string Call = "call";
    /// <summary>Cancel what is going on.</summary>
    public const string Cancel = "cancel";
    /// <summary>Yes (accepts the suggestion on screen).</summary>
    public const string Yes = "yes";
    /// <summary>No (dismisses the suggestion on screen).</summary>
    public const string No = "no";
    /// <summary>What can you do.</summary>
    public const string Help = "help";
    /// <summary>No intent fits: a free question for the LLM.</summary>
    public const string Question = "question";
}
