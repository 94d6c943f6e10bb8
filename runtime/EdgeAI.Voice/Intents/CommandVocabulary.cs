namespace EdgeAI.Voice.Intents;

/// <summary>
/// The names the command grammar and the intent parser know for their slots: places (<c>poi</c>, each said as its
/// <see cref="SpokenForm"/>), place categories, cuisines, contacts and the temperatures that can be set.
/// </summary>
public sealed class CommandVocabulary
{
    /// <summary>The contacts <c>call</c> knows when none are given (no phone book is connected yet).</summary>
    public static IReadOnlyList<string> DefaultContacts { get; } = ["mom", "dad", "home", "work", "anna", "thomas", "julia", "michael"];

    /// <summary>The temperatures <c>set_temperature</c> accepts, in °C.</summary>
    public const int MinCelsius = 16, MaxCelsius = 28;

    private readonly Dictionary<string, string> _placeBySpoken;
    private readonly Dictionary<string, SortedSet<string>> _written;

    private CommandVocabulary(Dictionary<string, string> placeBySpoken, string[] categories, string[] cuisines, string[] contacts,
        Dictionary<string, SortedSet<string>> written)
    {
        _placeBySpoken = placeBySpoken;
        _written = written;
        Places = [.. placeBySpoken.Keys];
        Categories = categories;
        Cuisines = cuisines;
        Contacts = contacts;
    }

    /// <summary>Each place as said (distinct, in the order given).</summary>
    public IReadOnlyList<string> Places { get; }

    /// <summary>Place categories as said ("charger", "parking").</summary>
    public IReadOnlyList<string> Categories { get; }

    /// <summary>Cuisines as said ("italian", "coffee shop").</summary>
    public IReadOnlyList<string> Cuisines { get; }

    /// <summary>Contacts as said.</summary>
    public IReadOnlyList<string> Contacts { get; }

    /// <summary>
    /// A vocabulary from written names: <paramref name="places"/> as on the map ("Trattoria Schneckenburgerstraße"),
    /// <paramref name="categories"/> and <paramref name="cuisines"/> as tags ("coffee_shop" is said "coffee shop").
    /// Two places said alike keep the first.
    /// </summary>
    public static CommandVocabulary Create(IEnumerable<string> places, IEnumerable<string> categories, IEnumerable<string> cuisines,
        IEnumerable<string>? contacts = null)
    {
        var bySpoken = new Dictionary<string, string>(StringComparer.Ordinal);
        var written = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (string place in places)
        {
            string spoken = SpokenForm.Of(place);
            if (spoken.Length == 0 || !bySpoken.TryAdd(spoken, place)) continue;
            foreach (var (word, spelling) in SpokenForm.WrittenWords(place))
            {
                if (spelling == word) continue;
                if (!written.TryGetValue(word, out var set)) written[word] = set = new SortedSet<string>(StringComparer.Ordinal);
                set.Add(spelling);
            }
        }
        return new CommandVocabulary(bySpoken, Tags(categories), Tags(cuisines), Tags(contacts ?? DefaultContacts), written);
    }

    /// <summary>
    /// The spellings other than itself that the dictionary word <paramref name="word"/> stands for in the names
    /// ("strasse" ← "straße"): a reader may say the written form differently from its ASCII spelling.
    /// </summary>
    public IReadOnlyCollection<string> WrittenForms(string word) => _written.TryGetValue(word, out var set) ? set : [];

    private static string[] Tags(IEnumerable<string> tags)
    {
        var result = new List<string>();
        foreach (string tag in tags)
        {
            string spoken = SpokenForm.Of(tag.Replace('_', ' '));
            if (spoken.Length > 0 && !result.Contains(spoken)) result.Add(spoken);
        }
        return [.. result];
    }

    /// <summary>The written name of the place said as <paramref name="spoken"/>, or null.</summary>
    public string? PlaceName(string spoken) => _placeBySpoken.GetValueOrDefault(spoken);

    /// <summary>Every word the vocabulary's phrases use (for dictionary checks).</summary>
    public IEnumerable<string> Words()
    {
        foreach (var list in new[] { Places, Categories, Cuisines, Contacts })
            foreach (string phrase in list)
                foreach (string word in phrase.Split(' ')) yield return word;
        for (int c = MinCelsius; c <= MaxCelsius; c++)
            foreach (string word in NumberWords.Say(c).Split(' ')) yield return word;
    }
}
