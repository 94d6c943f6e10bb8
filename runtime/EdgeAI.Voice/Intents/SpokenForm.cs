using System.Text;

namespace EdgeAI.Voice.Intents;

/// <summary>
/// How a written name is said, as dictionary words: lower case ASCII (ä→ae, ö→oe, ü→ue, ß→ss, accents dropped),
/// hyphens and slashes as word breaks, a parenthesised addition left out ("ISAS (Leibniz-Institut ...)" is "isas"),
/// short all-capital abbreviations spelled letter by letter ("DLR" is "d l r"), Roman numerals II-V as numbers, and
/// the few abbreviations of the region's names written out ("P+R" is "park and ride", "Bhf" is "bahnhof").
/// </summary>
public static class SpokenForm
{
    private static readonly Dictionary<string, string> Abbreviations = new(StringComparer.Ordinal)
    {
        ["P+R"] = "park and ride",
        ["Bhf"] = "bahnhof",
        ["Str."] = "strasse",
        ["II"] = "two",
        ["III"] = "three",
        ["IV"] = "four",
        ["V"] = "five",
    };

    private const string Accented = "àáâãåèéêëìíîïòóôõøùúûýÿçñ";
    private const string Plain = "aaaaaeeeeiiiiooooouuuyycn";

    /// <summary>The words of <paramref name="name"/> as said, single spaces.</summary>
    public static string Of(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        int paren = name.IndexOf('(');
        if (paren > 0) name = name[..paren];
        var words = new List<string>();
        foreach (string raw in name.Split([' ', '-', '/', '\t'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (Abbreviations.TryGetValue(raw, out string? said))
            {
                words.Add(said);
                continue;
            }
            string ascii = Ascii(raw);
            if (ascii.Length == 0) continue;
            bool capitals = raw.Length <= 3 && raw.All(char.IsUpper);
            words.Add(capitals ? string.Join(' ', ascii.ToCharArray()) : ascii);
        }
        return string.Join(' ', words);
    }

    /// <summary>One written word as its dictionary spelling: lower case a-z and digits only.</summary>
    public static string Ascii(string word)
    {
        var b = new StringBuilder(word.Length + 2);
        foreach (char c in word.ToLowerInvariant())
        {
            switch (c)
            {
                case 'ä': b.Append("ae"); break;
                case 'ö': b.Append("oe"); break;
                case 'ü': b.Append("ue"); break;
                case 'ß': b.Append("ss"); break;
                case '&': b.Append("and"); break;
                case '+': b.Append("plus"); break;
                default:
                    if (c is >= 'a' and <= 'z' or >= '0' and <= '9') b.Append(c);
                    else
                    {
                        // é → e, à → a: the letter without its accent (a table: invariant globalization has no normalization data)
                        int at = Accented.IndexOf(c);
                        if (at >= 0) b.Append(Plain[at]);
                    }
                    break;
            }
        }
        return b.ToString();
    }

    /// <summary>
    /// The written form of each dictionary word of <paramref name="name"/>'s spoken form, for a pronunciation
    /// generator that reads the original spelling (umlauts, ß, accents) better than the ASCII one; same order as
    /// <see cref="Of"/>'s words. Spelled letters and written-out abbreviations map to themselves.
    /// </summary>
    public static IEnumerable<(string Word, string Written)> WrittenWords(string name)
    {
        int paren = name.IndexOf('(');
        if (paren > 0) name = name[..paren];
        foreach (string raw in name.Split([' ', '-', '/', '\t'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (Abbreviations.TryGetValue(raw, out string? said))
            {
                foreach (string w in said.Split(' ')) yield return (w, w);
                continue;
            }
            string ascii = Ascii(raw);
            if (ascii.Length == 0) continue;
            if (raw.Length <= 3 && raw.All(char.IsUpper))
                foreach (char c in ascii) yield return (c.ToString(), c.ToString());
            else
                yield return (ascii, raw.ToLowerInvariant());
        }
    }
}
