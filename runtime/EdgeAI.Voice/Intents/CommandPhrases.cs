namespace EdgeAI.Voice.Intents;

/// <summary>
/// How each intent may be said, as templates the grammar and the parser share: words, <c>[optional words]</c>,
/// <c>(one | another)</c> and slots <c>{poi}</c>, <c>{category}</c>, <c>{cuisine}</c>, <c>{celsius}</c>, <c>{contact}</c>.
/// <see cref="CommandGrammar"/> writes them as JSGF, <see cref="IntentParser"/> matches transcripts against them.
/// </summary>
public static class CommandPhrases
{
    /// <summary>Intent name to its templates (every intent of <see cref="IntentNames"/> except <see cref="IntentNames.Question"/>).</summary>
    public static IReadOnlyDictionary<string, string[]> Default { get; } = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        [IntentNames.Navigate] =
        [
            "(navigate to | take me to | drive to | go to) {poi}",
            "(navigate to | take me to | drive to | go to) [the] nearest {category}",
        ],
        [IntentNames.FindParking] = ["find [a] parking [spot | space]", "where can i park"],
        [IntentNames.FindCharger] = ["find a (charger | charging station)", "where is the nearest (charger | charging station)"],
        [IntentNames.FindRestaurant] =
        [
            "find [a | an] restaurant",
            "find [a | an] {cuisine} restaurant",
            "i want [to eat] {cuisine} food",
            "where can i eat",
        ],
        [IntentNames.TimeToGreen] = ["when will the light turn green", "how long until [the light turns] green", "time to green"],
        [IntentNames.SetTemperature] = ["set [the] temperature to {celsius} [degrees]", "make it {celsius} degrees"],
        [IntentNames.Range] = ["what is my range", "how far can i drive"],
        [IntentNames.Call] = ["call {contact}"],
        [IntentNames.Cancel] = ["cancel", "stop", "never mind"],
        [IntentNames.Yes] = ["yes [please]", "okay"],
        [IntentNames.No] = ["no [thanks]"],
        [IntentNames.Help] = ["what can you do", "help"],
    };

    /// <summary>The slots templates may use.</summary>
    public static IReadOnlyList<string> Slots { get; } = ["poi", "category", "cuisine", "celsius", "contact"];

    /// <summary>
    /// Every word sequence <paramref name="template"/> stands for, each a list of words and <c>{slot}</c> markers
    /// (choices multiplied out; small by design).
    /// </summary>
    /// <exception cref="FormatException">an unbalanced bracket, an empty choice, or an unknown slot; the message names the template and position.</exception>
    public static List<List<string>> Expand(string template)
    {
        int at = 0;
        var result = Sequence(template, ref at, '\0');
        if (at < template.Length) throw Bad(template, at, "an unmatched closing bracket");
        return result;
    }

    // A sequence of items up to `end` (or the end of the template); each item multiplies the alternatives so far.
    private static List<List<string>> Sequence(string t, ref int at, char end)
    {
        var paths = new List<List<string>> { new() };
        while (true)
        {
            while (at < t.Length && t[at] == ' ') at++;
            if (at >= t.Length || t[at] == end || t[at] == '|' || t[at] is ')' or ']') return paths;
            List<List<string>> item;
            if (t[at] is '(' or '[')
            {
                char close = t[at] == '(' ? ')' : ']';
                bool optional = close == ']';
                int open = at++;
                item = [];
                while (true)
                {
                    var alternative = Sequence(t, ref at, close);
                    if (alternative.Count == 1 && alternative[0].Count == 0) throw Bad(t, at, "an empty alternative");
                    item.AddRange(alternative);
                    if (at >= t.Length) throw Bad(t, open, $"'{close}' to close this bracket");
                    if (t[at] == '|') { at++; continue; }
                    if (t[at] != close) throw Bad(t, at, $"'{close}'");
                    at++;
                    break;
                }
                if (optional) item.Insert(0, []);
            }
            else
            {
                int start = at;
                while (at < t.Length && t[at] is not (' ' or '(' or ')' or '[' or ']' or '|')) at++;
                string word = t[start..at];
                if (word.StartsWith('{') && (!word.EndsWith('}') || !Slots.Contains(word[1..^1])))
                    throw Bad(t, start, $"a slot ({string.Join(", ", Slots.Select(s => "{" + s + "}"))})");
                item = [[word]];
            }
            var next = new List<List<string>>(paths.Count * item.Count);
            foreach (var path in paths)
                foreach (var tail in item) next.Add([.. path, .. tail]);
            paths = next;
        }
    }

    private static FormatException Bad(string template, int at, string expected) =>
        new($"phrase template \"{template}\": character {at + 1}: expected {expected}");
}
