using EdgeAI.Services.Map;

namespace EdgeAI.Llm.Fallback;

/// <summary>
/// Picks the <see cref="ResponderIntent"/> of a message from its words. Stems of four letters or more match as word
/// prefixes ("charging" → "charg"); shorter ones match whole words only, so "ac" does not fire on "accelerate".
/// When several vehicle intents match, the first in <see cref="Order"/> wins: deterministic, and range questions (the
/// most common in an EV) come first. Service questions (<see cref="ClassifyService"/>) are asked first, where the
/// services are there: they need more than one word ("where can I charge" is a charger, "how much charge is left" the
/// range).
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

    // What asks for a service, matched as Order's stems are.
    private static readonly string[] FoodStems =
        ["restaurant", "food", "lunch", "dinner", "breakfast", "brunch", "eat", "eating", "dining", "hungr", "meal", "pizz", "cafe", "café", "coffee", "burger", "snack", "bistro"];
    private static readonly string[] ChargerPlaceWords =
        ["where", "nearest", "closest", "near", "nearby", "around", "find", "next", "station", "stations", "point", "points", "somewhere", "any"];
    private static readonly string[] ChargerPartWords = ["port", "cable", "flap", "lid", "level", "left", "much", "percent", "state"];
    private static readonly string[] LightContext = ["traffic", "red", "green", "next", "ahead", "signal", "stop"];
    private static readonly string[] NotParkingWords = ["brake", "brakes", "handbrake", "gear"];
    private static readonly string[] RouteStems = ["route", "arriv", "navigat", "direction", "destination", "eta"];
    private static readonly string[] TravelVerbs = ["get", "go", "drive", "take", "head"];

    /// <summary>The message's intent.</summary>
    public static ResponderIntent Classify(string message)
    {
        var words = Words(message);
        foreach (var (intent, stems) in Order)
            foreach (var word in words)
                if (Matches(word, stems))
                    return intent;
        return ResponderIntent.Help;
    }

    /// <summary>True when the message asks for miles.</summary>
    public static bool WantsMiles(string message) => Words(message).Any(w => w is "mi" or "mile" or "miles");

    /// <summary>True when the message asks for Fahrenheit.</summary>
    public static bool WantsFahrenheit(string message) => Words(message).Any(w => w is "fahrenheit" or "f");

    /// <summary>Lower-case words (letters and digits) of a message.</summary>
    public static List<string> Words(string message) => WordSpans(message).Select(w => w.Text).ToList();

    /// <summary>Lower-case words (letters and digits) of a message, each with where it stands in the message.</summary>
    public static List<(string Text, int Start, int End)> WordSpans(string message)
    {
        var words = new List<(string, int, int)>();
        int start = -1;
        for (int i = 0; i <= message.Length; i++)
        {
            bool inWord = i < message.Length && char.IsLetterOrDigit(message[i]);
            if (inWord && start < 0) start = i;
            else if (!inWord && start >= 0)
            {
                words.Add((message[start..i].ToLowerInvariant(), start, i));
                start = -1;
            }
        }
        return words;
    }

    /// <summary>
    /// The service intent <paramref name="message"/> asks for among those <paramref name="offered"/>, or null. When it
    /// asks several, the one whose word comes first wins ("where can I park near the pizzeria" is parking); words of the
    /// <paramref name="place"/> it names count only when no other word asks ("where can I get pizza").
    /// </summary>
    /// <param name="message">The user's message.</param>
    /// <param name="place">The place the message names (<see cref="PlaceMention.Find"/>), or null.</param>
    /// <param name="offered">Whether the tool of an intent is there.</param>
    public static ResponderIntent? ClassifyService(string message, PlaceMention? place, Func<ResponderIntent, bool> offered)
    {
        ArgumentNullException.ThrowIfNull(offered);
        var words = WordSpans(message);
        ResponderIntent? inside = null;
        for (int i = 0; i < words.Count; i++)
        {
            if (ServiceAsked(words, i, place) is not { } intent || !offered(intent)) continue;
            bool inMention = place is not null && words[i].Start >= place.Start && words[i].End <= place.End;
            if (!inMention) return intent;
            inside ??= intent;
        }
        return inside;
    }

    /// <summary>The planned stay a message gives ("for 3 hours", "45 min"), minutes; null when it gives none.</summary>
    public static int? StayMinutes(string message)
    {
        var words = Words(message);
        for (int i = 0; i + 1 < words.Count; i++)
        {
            int? count = int.TryParse(words[i], out var n) ? n : words[i] is "an" or "one" ? 1 : null;
            if (count is not { } c) continue;
            int? minutes = words[i + 1] switch
            {
                "h" or "hr" or "hrs" or "hour" or "hours" => c * 60,
                "min" or "mins" or "minute" or "minutes" => c,
                _ => null,
            };
            if (minutes is { } m && m is >= 1 and <= 1440) return m;
        }
        return null;
    }

    private static ResponderIntent? ServiceAsked(List<(string Text, int Start, int End)> words, int i, PlaceMention? place)
    {
        string w = words[i].Text;
        string? next = i + 1 < words.Count ? words[i + 1].Text : null;
        if (w is "green" or "glosa" || (w.StartsWith("light", StringComparison.Ordinal) && AnyOther(words, i, LightContext)))
            return ResponderIntent.TrafficLight;
        if (w == "chargers" || (w.StartsWith("charg", StringComparison.Ordinal) && AnyOther(words, i, ChargerPlaceWords) && !AnyOther(words, i, ChargerPartWords)))
            return ResponderIntent.Chargers;
        // "park" is also the gear ("is the car in park") and the brake.
        if ((w.StartsWith("park", StringComparison.Ordinal) && !AnyOther(words, i, NotParkingWords) && (i == 0 || words[i - 1].Text != "in")) || w == "garage")
            return ResponderIntent.Parking;
        if (Matches(w, FoodStems))
            return ResponderIntent.Restaurants;
        // "Is the Mittagstisch open?": the place says which kind; "is the door open" names none.
        if (w.StartsWith("open", StringComparison.Ordinal) && place?.Poi is { } poi)
            return poi.Kind switch
            {
                PoiKind.Restaurant or PoiKind.Cafe => ResponderIntent.Restaurants,
                PoiKind.Parking => ResponderIntent.Parking,
                PoiKind.Charger => ResponderIntent.Chargers,
                _ => null,
            };
        if (Matches(w, RouteStems))
            return ResponderIntent.Route;
        // "How far to X" is a route where X is a place; "how far can I go" stays the range.
        if (place is not null && (w is "far" or "reach" || (w == "long" && words.Skip(i + 1).Any(x => x.Text == "to"))))
            return ResponderIntent.Route;
        if (TravelVerbs.Contains(w) && (next == "to" || (next is "me" or "us" && i + 2 < words.Count && words[i + 2].Text == "to")))
            return ResponderIntent.Route;
        return null;
    }

    private static bool Matches(string word, string[] stems)
    {
        foreach (var stem in stems)
            if (stem.Length >= 4 ? word.StartsWith(stem, StringComparison.Ordinal) : word == stem)
                return true;
        return false;
    }

    private static bool AnyOther(List<(string Text, int Start, int End)> words, int except, string[] set)
    {
        for (int j = 0; j < words.Count; j++)
            if (j != except && Array.IndexOf(set, words[j].Text) >= 0) return true;
        return false;
    }
}
