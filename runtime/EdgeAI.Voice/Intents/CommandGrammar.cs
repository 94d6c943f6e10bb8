using System.Globalization;
using System.Text;

namespace EdgeAI.Voice.Intents;

/// <summary>
/// Writes the JSGF grammar of the in-car commands: one public rule <c>&lt;command&gt;</c> over a rule per intent (from
/// its <see cref="CommandPhrases"/> templates) and a rule per slot filled from a <see cref="CommandVocabulary"/>
/// (places, categories, cuisines, contacts, temperatures 16-28 in words). A plain function of its inputs: tests feed
/// any names.
/// </summary>
public static class CommandGrammar
{
    /// <summary>The grammar's name and its public rule.</summary>
    public const string Name = "edgeai", PublicRule = "command";

    /// <summary>The JSGF text for <paramref name="intents"/> (names of <see cref="CommandPhrases.Default"/>) over <paramref name="vocabulary"/>.</summary>
    public static string Build(IEnumerable<string> intents, CommandVocabulary vocabulary) =>
        Build(intents, vocabulary, CommandPhrases.Default);

    /// <summary>The JSGF text for <paramref name="intents"/> with their templates from <paramref name="phrases"/>.</summary>
    public static string Build(IEnumerable<string> intents, CommandVocabulary vocabulary, IReadOnlyDictionary<string, string[]> phrases) =>
        Write(intents, vocabulary, phrases, competitor: null, 1);

    /// <summary>
    /// The commands' grammar with <paramref name="phrase"/> (a wake phrase) beside them: the public rule
    /// <c>&lt;heard&gt;</c> is the phrase, weighted <paramref name="weight"/>, or any command, weighted 1 (a weight is
    /// the alternative's prior odds, written as a plain decimal, as pocketsphinx's JSGF reader needs: the larger, the
    /// more a command must outscore the phrase acoustically to win).
    /// </summary>
    public static string BuildWithPhrase(IEnumerable<string> intents, CommandVocabulary vocabulary, string phrase, double weight)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(phrase);
        if (!(weight > 0 && double.IsFinite(weight))) throw new ArgumentOutOfRangeException(nameof(weight), weight, "expected a positive weight");
        return Write(intents, vocabulary, CommandPhrases.Default, Phrase(phrase), weight);
    }

    /// <summary>A phrase as the grammar and the spotter hold it: lower case, its words separated by single spaces.</summary>
    public static string Phrase(string said) =>
        string.Join(' ', said.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries));

    private static string Write(IEnumerable<string> intents, CommandVocabulary vocabulary, IReadOnlyDictionary<string, string[]> phrases,
        string? competitor, double weight)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        var jsgf = new StringBuilder("#JSGF V1.0;\n\ngrammar ").Append(Name).Append(";\n\n");
        var rules = new List<string>();
        var usedSlots = new SortedSet<string>(StringComparer.Ordinal);
        var body = new StringBuilder();
        foreach (string intent in intents)
        {
            if (!phrases.TryGetValue(intent, out var templates)) throw new ArgumentException($"no phrases for intent '{intent}'", nameof(intents));
            var alternatives = new List<string>();
            foreach (string template in templates)
                foreach (var path in CommandPhrases.Expand(template))
                {
                    // A region without places (or restaurants) cannot be named: those phrasings are left out.
                    if (path.Any(w => w.StartsWith('{') && SlotValues(w[1..^1], vocabulary).Count == 0)) continue;
                    foreach (string word in path)
                        if (word.StartsWith('{')) usedSlots.Add(word[1..^1]);
                    alternatives.Add(string.Join(' ', path.Select(w => w.StartsWith('{') ? $"<{w[1..^1]}>" : w)));
                }
            if (alternatives.Count == 0) continue;
            rules.Add(intent);
            body.Append('<').Append(intent).Append("> = ").AppendJoin(" | ", alternatives.Distinct()).Append(";\n");
        }
        if (rules.Count == 0) throw new ArgumentException("no intents", nameof(intents));
        if (competitor is not null)
            jsgf.Append("public <heard> = /").Append(weight.ToString("0.######", CultureInfo.InvariantCulture)).Append("/ ").Append(competitor)
                .Append(" | /1/ <").Append(PublicRule).Append(">;\n\n");
        jsgf.Append(competitor is null ? "public <" : "<").Append(PublicRule).Append("> = ").AppendJoin(" | ", rules.Select(r => $"<{r}>")).Append(";\n\n");
        jsgf.Append(body).Append('\n');
        foreach (string slot in usedSlots)
        {
            var values = SlotValues(slot, vocabulary);
            if (values.Count == 0) throw new ArgumentException($"the vocabulary has no values for slot {{{slot}}}", nameof(vocabulary));
            jsgf.Append('<').Append(slot).Append("> = ").AppendJoin(" | ", values).Append(";\n");
        }
        return jsgf.ToString();
    }

    /// <summary>What a slot can be, as said.</summary>
    public static IReadOnlyList<string> SlotValues(string slot, CommandVocabulary vocabulary) => slot switch
    {
        "poi" => vocabulary.Places,
        "category" => vocabulary.Categories,
        "cuisine" => vocabulary.Cuisines,
        "contact" => vocabulary.Contacts,
        "celsius" => [.. Enumerable.Range(CommandVocabulary.MinCelsius, CommandVocabulary.MaxCelsius - CommandVocabulary.MinCelsius + 1).Select(NumberWords.Say)],
        _ => throw new ArgumentException($"unknown slot {{{slot}}}", nameof(slot)),
    };

    /// <summary>Every distinct word the grammar for <paramref name="intents"/> can contain.</summary>
    public static SortedSet<string> Words(IEnumerable<string> intents, CommandVocabulary vocabulary)
    {
        var words = new SortedSet<string>(StringComparer.Ordinal);
        foreach (string intent in intents)
            foreach (string template in CommandPhrases.Default[intent])
                foreach (var path in CommandPhrases.Expand(template))
                    foreach (string word in path)
                    {
                        if (!word.StartsWith('{')) words.Add(word);
                        else foreach (string value in SlotValues(word[1..^1], vocabulary)) words.UnionWith(value.Split(' '));
                    }
        return words;
    }
}
