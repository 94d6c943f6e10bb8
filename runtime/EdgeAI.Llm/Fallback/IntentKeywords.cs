namespace EdgeAI.Llm.Fallback;

/// <summary>
/// Picks the <see cref="ResponderIntent"/> of a message from its words. Stems of four letters or more match as word
/// prefixes ("charging" → "charg"); shorter ones match whole words only, so "ac" does not fire on "accelerate".
/// When several intents match, the first in <see cref="Order"/> wins: deterministic, and range questions (the most
/// common in an EV) come first.
/// </summary>
internal static class IntentKeywords
{
    private static readonly (ResponderIntent Intent, string[] Stems)[] Order =
    [
        (ResponderIntent.Range, ["range", "batter", "charg", "soc", "energ", "kwh", "far", "empty"]),
        (ResponderIntent.Climate, ["temperat", "temp", "climat", "warm", "cold", "hot", "ac", "air", "heat", "cool", "fan", "humid", "chilly", "freez", "celsius", "fahrenheit"]),
        (ResponderIntent.VehicleState, ["speed", "fast", "slow", "gear", "door", "lock", "odometer", "mileage", "mode", "ready", "trunk", "moving", "trip"]),
        (ResponderIntent.Location, ["where", "locat", "position", "gps", "coordinat", "latitude", "longitude"]),
        (ResponderIntent.Greeting, ["hello", "hi", "hey", "hallo", "morning", "evening"]),
    ];

    /// <summary>The message's intent.</summary>
    public static ResponderIntent Classify(string message)
    {
        var words = Words(message);
        foreach (var (intent, stems) in Order)
            foreach (var word in words)
                foreach (var stem in stems)
                    if (stem.Length >= 4 ? word.StartsWith(stem, StringComparison.Ordinal) : word == stem)
                        return intent;
        return ResponderIntent.Help;
    }

    /// <summary>True when the message asks for miles.</summary>
    public static bool WantsMiles(string message) => Words(message).Any(w => w is "mi" or "mile" or "miles");

    /// <summary>True when the message asks for Fahrenheit.</summary>
    public static bool WantsFahrenheit(string message) => Words(message).Any(w => w is "fahrenheit" or "f");

    /// <summary>Lower-case words (letters and digits) of a message.</summary>
    public static List<string> Words(string message)
    {
        var words = new List<string>();
        int start = -1;
        for (int i = 0; i <= message.Length; i++)
        {
            bool inWord = i < message.Length && char.IsLetterOrDigit(message[i]);
            if (inWord && start < 0) start = i;
            else if (!inWord && start >= 0)
            {
                words.Add(message[start..i].ToLowerInvariant());
                start = -1;
            }
        }
        return words;
    }
}
