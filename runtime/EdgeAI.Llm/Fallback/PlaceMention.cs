using System.Text.RegularExpressions;
using EdgeAI.Services.Geo;
using EdgeAI.Services.Map;

namespace EdgeAI.Llm.Fallback;

/// <summary>
/// A place a message names, as the service tools take it: a POI's full name, or "lat,lon" (then <see cref="Poi"/> is
/// null). <see cref="Start"/> and <see cref="End"/> are where the message names it, so its words can be told apart from
/// the question's.
/// </summary>
/// <param name="Argument">What to pass as the tool's <c>near</c> or <c>destination</c>: it resolves to this place.</param>
/// <param name="Poi">The place, when it is one of the map's.</param>
/// <param name="Start">Index in the message of the mention's first character.</param>
/// <param name="End">Index in the message just after the mention.</param>
internal sealed partial record PlaceMention(string Argument, Poi? Poi, int Start, int End)
{
    private const int MaxSpanWords = 4;
    private const int MinSpanChars = 4;

    // Words a question wraps a place in: a span that begins or ends with one is not the place's name.
    private static readonly HashSet<string> Framing = new(StringComparer.OrdinalIgnoreCase)
    {
        "a", "an", "the", "is", "are", "was", "be", "it", "its", "there", "to", "of", "in", "at", "on", "by", "near",
        "for", "from", "and", "or", "can", "could", "do", "does", "will", "would", "i", "we", "me", "my", "us", "our",
        "how", "what", "what's", "when", "where", "where's", "which", "who", "long", "far", "until", "till", "still", "now", "today", "open",
        "get", "go", "take", "drive", "next", "nearest", "closest", "please", "any", "some",
    };

    /// <summary>The place <paramref name="message"/> names among <paramref name="places"/>, or null. In order: "lat,lon";
    /// the longest full name of a place; else the longest run of words (then the leftmost) that
    /// <see cref="PlaceLookup"/> resolves to exactly one place whose name has it at a word's start ("the pizzeria" →
    /// "Pizzeria Am Studio").</summary>
    public static PlaceMention? Find(string message, IReadOnlyList<Poi> places)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(places);
        foreach (Match m in Coordinates().Matches(message))
            if (GeoPoint.TryParse(m.Value, out _)) return new PlaceMention(m.Value, null, m.Index, m.Index + m.Length);

        PlaceMention? whole = null;
        foreach (var poi in places)
        {
            int at = IndexAtWordStart(message, poi.Name);
            if (at >= 0 && IsWordEnd(message, at + poi.Name.Length) && (whole is null || poi.Name.Length > whole.End - whole.Start))
                whole = new PlaceMention(poi.Name, poi, at, at + poi.Name.Length);
        }
        if (whole is not null) return whole;

        var tokens = Tokens(message);
        for (int n = Math.Min(MaxSpanWords, tokens.Count); n >= 1; n--)
            for (int i = 0; i + n <= tokens.Count; i++)
            {
                if (Framing.Contains(tokens[i].Text) || Framing.Contains(tokens[i + n - 1].Text)) continue;
                int start = tokens[i].Start, end = tokens[i + n - 1].End;
                string span = message[start..end];
                if (span.Length < MinSpanChars) continue;
                if (PlaceLookup.TryResolve(span, places, out _, out var poi, out _) && poi is not null && IndexAtWordStart(poi.Name, span) >= 0)
                    return new PlaceMention(poi.Name, poi, start, end);
            }
        return null;
    }

    /// <summary>The message's words: letters, digits and the joins inside names (Max-Born-Straße, P+R, Bäckerei-Café).</summary>
    private static List<(string Text, int Start, int End)> Tokens(string message)
    {
        var tokens = new List<(string, int, int)>();
        int start = -1;
        for (int i = 0; i <= message.Length; i++)
        {
            bool inWord = i < message.Length && (char.IsLetterOrDigit(message[i])
                || (start >= 0 && message[i] is '-' or '+' or '\'' && i + 1 < message.Length && char.IsLetterOrDigit(message[i + 1])));
            if (inWord && start < 0) start = i;
            else if (!inWord && start >= 0)
            {
                tokens.Add((message[start..i], start, i));
                start = -1;
            }
        }
        return tokens;
    }

    private static int IndexAtWordStart(string text, string part)
    {
        for (int at = text.IndexOf(part, StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf(part, at + 1, StringComparison.OrdinalIgnoreCase))
            if (at == 0 || !char.IsLetterOrDigit(text[at - 1])) return at;
        return -1;
    }

    private static bool IsWordEnd(string text, int end) => end >= text.Length || !char.IsLetterOrDigit(text[end]);

    [GeneratedRegex(@"-?\d{1,3}\.\d+\s*,\s*-?\d{1,3}\.\d+")]
    private static partial Regex Coordinates();
}
