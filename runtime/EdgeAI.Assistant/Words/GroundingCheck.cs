using System.Buffers;
using System.Collections.Frozen;
using System.Globalization;
using EdgeAI.Assistant.Suggestions;

namespace EdgeAI.Assistant.Words;

/// <summary>
/// Decides whether a model's wording of a suggestion may be shown: it must rest on the proposal's facts alone, say every
/// fact the template says, and be in the expected language. Deterministic, no regular expressions; one pooled buffer
/// per check, and a string only for the reason of a failure.
/// <para>The rules, in the order they are tried (the first that fails gives the reason):</para>
/// <list type="number">
/// <item><b>Empty</b>: a blank text fails ("empty").</item>
/// <item><b>Length</b>: at most <see cref="TemplateBook.MaxCharsWhileMoving"/> (120) characters while moving,
/// <see cref="MaxCharsParked"/> otherwise ("131 characters, more than 120").</item>
/// <item><b>Names first</b>: every <see cref="FactKind.Name"/> value found verbatim (ordinal) in the text counts as
/// present and is blanked, longest first, so digits inside a name ("Parkhaus P2") are not numbers;
/// <see cref="FactKind.Text"/> values (a cuisine) are blanked ignoring case but never required.</item>
/// <item><b>Numbers and times</b>: every run of digits is a number, whatever surrounds it. A clock time is
/// <c>H:mm</c> or <c>HH:mm</c> and must equal a <see cref="FactKind.Time"/> fact ("time 12:40 is not a fact"). A
/// number may carry a minus sign (after a space or at the start), thousands groups ("1,200"), a decimal point ("2.5") and
/// a unit after it, spaces allowed (%, km/h, kWh, kW, km, m, min, h, s, °C, EUR or €, spaces, with their English words
/// and Chinese forms: 公里, 米, 分钟, 小时, 秒, 千瓦, 度, 欧元, 车位...); it must equal the value of a
/// <see cref="FactKind.Number"/> fact with the same unit ("number 42 km is not a fact"). Tolerated: formatting
/// ("15%" for "15 %", "2.5 EUR" for "2.50 EUR", "1,200 m" for "1.2 km"), and a number without a unit whose value is a
/// fact's (Chinese measure words the table lacks). A number with a unit other than the fact's fails.</item>
/// <item><b>Language</b>, on what is left once facts, numbers and units are blanked. en: at least 95 % of the letters are
/// ASCII, and at least one word in five (and at least one) is a common English word ("not English"). zh-CN: at least two
/// CJK ideographs and at least 90 % of the letters ("not Chinese").</item>
/// <item><b>Added names</b>: en: a capitalised word that does not start a sentence, is not "I" and is not a word of the
/// template text; zh-CN: any word of non-Chinese letters that is not a word of the template text
/// ("name Tesla is not a fact").</item>
/// <item><b>Required facts</b>: the Number, Name and Time facts the template text itself shows (found by the same
/// scan) must all be in the text ("missing fact charger"); a text with none of the proposal's facts at all fails with
/// "no facts at all". Facts the template does not show may appear but need not.</item>
/// </list>
/// Not caught: numbers spelled as words ("two") or as Chinese numerals (一, 二), since 一 is also part of ordinary words
/// (下一个); a changed Text fact; a lowercase added name in English.
/// </summary>
public static class GroundingCheck
{
    /// <summary>The most characters of a text while parked: twice the driving limit.</summary>
    public const int MaxCharsParked = 2 * TemplateBook.MaxCharsWhileMoving;

    private const int StackFacts = 32;
    private const int MaxDigits = 18;

    private enum Unit { None, Unknown, Percent, Kmh, Kwh, Kw, Km, M, Min, H, S, Celsius, Eur, Spaces }

    // Longest first, so the first alias that matches wins ("km/h" before "km" before "m").
    private static readonly (string Alias, Unit Unit)[] Units = SortedUnits(
    [
        ("%", Unit.Percent), ("％", Unit.Percent), ("percent", Unit.Percent),
        ("km/h", Unit.Kmh), ("kph", Unit.Kmh), ("公里/小时", Unit.Kmh), ("公里每小时", Unit.Kmh),
        ("kWh", Unit.Kwh), ("千瓦时", Unit.Kwh),
        ("kW", Unit.Kw), ("千瓦", Unit.Kw),
        ("km", Unit.Km), ("kilometres", Unit.Km), ("kilometers", Unit.Km), ("公里", Unit.Km), ("千米", Unit.Km),
        ("m", Unit.M), ("metres", Unit.M), ("meters", Unit.M), ("米", Unit.M),
        ("min", Unit.Min), ("mins", Unit.Min), ("minute", Unit.Min), ("minutes", Unit.Min), ("分钟", Unit.Min),
        ("h", Unit.H), ("hour", Unit.H), ("hours", Unit.H), ("hrs", Unit.H), ("小时", Unit.H),
        ("s", Unit.S), ("sec", Unit.S), ("second", Unit.S), ("seconds", Unit.S), ("秒", Unit.S),
        ("°C", Unit.Celsius), ("℃", Unit.Celsius), ("°", Unit.Celsius), ("degrees", Unit.Celsius), ("摄氏度", Unit.Celsius), ("度", Unit.Celsius),
        ("EUR", Unit.Eur), ("€", Unit.Eur), ("euro", Unit.Eur), ("euros", Unit.Eur), ("欧元", Unit.Eur),
        ("spaces", Unit.Spaces), ("space", Unit.Spaces), ("spots", Unit.Spaces), ("个车位", Unit.Spaces), ("个空位", Unit.Spaces),
        ("车位", Unit.Spaces), ("空位", Unit.Spaces), ("个", Unit.Spaces),
    ]);

    // Function words and the commonest words of short driving advice: a rephrasing has some, random tokens hardly any.
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> CommonEnglish = FrozenSet.Create(
        StringComparer.OrdinalIgnoreCase,
        "a", "an", "the", "and", "or", "but", "so", "if", "as", "than", "then", "to", "of", "in", "on", "at", "for", "with",
        "by", "from", "into", "until", "till", "after", "before", "about", "around", "near", "via", "is", "are", "was",
        "were", "be", "been", "it", "its", "it's", "you", "your", "you're", "we", "our", "i", "me", "my", "this", "that",
        "there", "here", "now", "when", "while", "will", "can", "could", "would", "should", "shall", "may", "do", "does",
        "not", "no", "yes", "please", "just", "still", "only", "more", "less", "left", "next", "up", "out", "over", "all",
        "some", "let", "get", "go", "take", "turn", "keep", "want", "need", "enough", "open", "stop", "walk", "drive").GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Checks <paramref name="text"/> against the facts of <paramref name="proposal"/> (rules: see the type).</summary>
    /// <param name="text">The model's wording.</param>
    /// <param name="proposal">The proposal, with every fact the text may use.</param>
    /// <param name="templateText">The template's rendering of the same proposal: its facts are the required ones, its
    /// words may be capitalised.</param>
    /// <param name="language">"en" or "zh-CN".</param>
    /// <param name="moving">Whether the car moves: the text must then fit the driving limit.</param>
    /// <exception cref="ArgumentException">another language.</exception>
    public static GroundingVerdict Check(string text, Proposal proposal, string templateText, string language, bool moving = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(proposal);
        ArgumentNullException.ThrowIfNull(templateText);
        bool english = IsEnglishCode(language);
        if (string.IsNullOrWhiteSpace(text)) return GroundingVerdict.Fail("empty");
        int limit = moving ? TemplateBook.MaxCharsWhileMoving : MaxCharsParked;
        if (text.Length > limit) return GroundingVerdict.Fail($"{text.Length} characters, more than {limit}");

        IReadOnlyList<Fact> facts = proposal.Facts;
        Span<bool> inTemplate = facts.Count <= StackFacts ? stackalloc bool[facts.Count] : new bool[facts.Count];
        Span<bool> inText = facts.Count <= StackFacts ? stackalloc bool[facts.Count] : new bool[facts.Count];
        char[] buffer = ArrayPool<char>.Shared.Rent(Math.Max(text.Length, templateText.Length));
        try
        {
            // The template is the writer's own: only which facts it shows matters.
            Scan(templateText, facts, inTemplate, buffer.AsSpan(0, templateText.Length));
            Span<char> rest = buffer.AsSpan(0, text.Length);
            if (Scan(text, facts, inText, rest) is { } unknown) return GroundingVerdict.Fail(unknown);
            if (english ? !IsEnglish(rest) : !IsChinese(rest)) return GroundingVerdict.Fail(english ? "not English" : "not Chinese");
            if (AddedName(rest, templateText, english) is { } name) return GroundingVerdict.Fail($"name {name} is not a fact");
            return Required(facts, inTemplate, inText);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    /// <summary>How many Number, Name and Time facts of <paramref name="proposal"/> <paramref name="templateText"/> shows:
    /// those a wording must keep. Zero means there is nothing to check a wording against.</summary>
    public static int RequiredFacts(string templateText, Proposal proposal)
    {
        ArgumentNullException.ThrowIfNull(templateText);
        ArgumentNullException.ThrowIfNull(proposal);
        IReadOnlyList<Fact> facts = proposal.Facts;
        Span<bool> shown = facts.Count <= StackFacts ? stackalloc bool[facts.Count] : new bool[facts.Count];
        char[] buffer = ArrayPool<char>.Shared.Rent(Math.Max(1, templateText.Length));
        try
        {
            Scan(templateText, facts, shown, buffer.AsSpan(0, templateText.Length));
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }

        int count = 0;
        for (int i = 0; i < facts.Count; i++)
        {
            if (shown[i] && facts[i].Kind != FactKind.Text) count++;
        }

        return count;
    }

    private static bool IsEnglishCode(string language) => language switch
    {
        "en" => true,
        "zh-CN" => false,
        _ => throw new ArgumentException($"language {language}: expected en or zh-CN", nameof(language)),
    };

    /// <summary>
    /// Marks in <paramref name="present"/> the facts found in <paramref name="text"/> and leaves in <paramref name="rest"/>
    /// the text with names, Text facts, numbers, times and units blanked. Returns the first number or time that is no
    /// fact, as a reason, or null.
    /// </summary>
    private static string? Scan(ReadOnlySpan<char> text, IReadOnlyList<Fact> facts, Span<bool> present, Span<char> rest)
    {
        text.CopyTo(rest);
        BlankNames(facts, present, rest);
        for (int i = 0; i < rest.Length; i++)
        {
            if (!char.IsDigit(rest[i])) continue;
            int start = i > 0 && rest[i - 1] == '-' && (i == 1 || !char.IsLetterOrDigit(rest[i - 2])) ? i - 1 : i;
            bool negative = start < i;
            int end = i;
            int digits = 0;
            decimal mantissa = 0;
            while (end < rest.Length && char.IsDigit(rest[end]))
            {
                if (++digits <= MaxDigits) mantissa = mantissa * 10 + Digit(rest[end]);
                end++;
            }

            int integerDigits = digits;
            if (!negative && integerDigits <= 2 && IsClock(rest, end))
            {
                int minutes = Digit(rest[end + 1]) * 10 + Digit(rest[end + 2]);
                end += 3;
                if (!MarkTime(facts, present, (int)mantissa, minutes)) return $"time {text[start..end]} is not a fact";
                rest[start..end].Fill(' ');
                i = end - 1;
                continue;
            }

            // "1,200": a comma before exactly three digits groups thousands; any other comma ends the number.
            while (integerDigits <= 3 && IsThousands(rest, end))
            {
                for (int k = 1; k <= 3; k++)
                {
                    if (++digits <= MaxDigits) mantissa = mantissa * 10 + Digit(rest[end + k]);
                }

                end += 4;
            }

            int scale = 0;
            if (end + 1 < rest.Length && rest[end] == '.' && char.IsDigit(rest[end + 1]))
            {
                end++;
                while (end < rest.Length && char.IsDigit(rest[end]))
                {
                    if (++digits <= MaxDigits)
                    {
                        mantissa = mantissa * 10 + Digit(rest[end]);
                        scale++;
                    }

                    end++;
                }
            }

            int unitEnd = end;
            Unit unit = UnitAfter(rest, end, ref unitEnd);
            if (unit == Unit.None && EuroBefore(rest, start) is >= 0 and int euro)
            {
                unit = Unit.Eur;
                start = euro;
            }

            decimal value = mantissa;
            for (int k = 0; k < scale; k++) value /= 10;
            if (negative) value = -value;
            if (digits > MaxDigits || !MarkNumber(facts, present, value, unit)) return $"number {text[start..unitEnd].Trim()} is not a fact";
            rest[start..unitEnd].Fill(' ');
            i = unitEnd - 1;
        }

        return null;
    }

    /// <summary>Blanks Name facts (ordinal, marked present) and Text facts (ignoring case), longest value first.</summary>
    private static void BlankNames(IReadOnlyList<Fact> facts, Span<bool> present, Span<char> rest)
    {
        Span<bool> done = facts.Count <= StackFacts ? stackalloc bool[facts.Count] : new bool[facts.Count];
        while (true)
        {
            int longest = -1;
            for (int k = 0; k < facts.Count; k++)
            {
                Fact f = facts[k];
                if (done[k] || f.Kind is not (FactKind.Name or FactKind.Text) || f.Value.Length == 0) continue;
                if (longest < 0 || f.Value.Length > facts[longest].Value.Length) longest = k;
            }

            if (longest < 0) return;
            done[longest] = true;
            Fact fact = facts[longest];
            StringComparison comparison = fact.Kind == FactKind.Name ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
            int from = 0;
            while (from < rest.Length && rest[from..].IndexOf(fact.Value, comparison) is >= 0 and int at)
            {
                rest.Slice(from + at, fact.Value.Length).Fill(' ');
                if (fact.Kind == FactKind.Name) present[longest] = true;
                from += at + fact.Value.Length;
            }
        }
    }

    private static bool MarkTime(IReadOnlyList<Fact> facts, Span<bool> present, int hours, int minutes)
    {
        bool found = false;
        for (int k = 0; k < facts.Count; k++)
        {
            ReadOnlySpan<char> v = facts[k].Value;
            int colon = v.IndexOf(':');
            if (facts[k].Kind != FactKind.Time || colon is not (1 or 2)) continue;
            if (int.TryParse(v[..colon], NumberStyles.None, CultureInfo.InvariantCulture, out int h)
                && int.TryParse(v[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out int m)
                && h == hours && m == minutes)
            {
                present[k] = found = true;
            }
        }

        return found;
    }

    private static bool MarkNumber(IReadOnlyList<Fact> facts, Span<bool> present, decimal value, Unit unit)
    {
        bool found = false;
        for (int k = 0; k < facts.Count; k++)
        {
            Fact f = facts[k];
            if (f.Kind != FactKind.Number
                || !decimal.TryParse(f.Value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out decimal factValue))
            {
                continue;
            }

            if (Same(value, unit, factValue, UnitOf(f.Unit)))
            {
                present[k] = found = true;
            }
        }

        return found;
    }

    private static bool Same(decimal value, Unit unit, decimal factValue, Unit factUnit)
    {
        if (unit == Unit.None || unit == factUnit) return value == factValue;
        if (unit is Unit.Km or Unit.M && factUnit is Unit.Km or Unit.M)
        {
            return (unit == Unit.Km ? value * 1000 : value) == (factUnit == Unit.Km ? factValue * 1000 : factValue);
        }

        return false;
    }

    private static Unit UnitOf(string? unit)
    {
        if (string.IsNullOrEmpty(unit)) return Unit.None;
        foreach (var (alias, u) in Units)
        {
            if (string.Equals(alias, unit, StringComparison.OrdinalIgnoreCase)) return u;
        }

        return Unit.Unknown;
    }

    /// <summary>The unit after a number at <paramref name="end"/> (spaces allowed between); <paramref name="unitEnd"/>
    /// moves past it.</summary>
    private static Unit UnitAfter(ReadOnlySpan<char> rest, int end, ref int unitEnd)
    {
        int at = end;
        while (at < rest.Length && IsSpace(rest[at])) at++;
        ReadOnlySpan<char> s = rest[at..];
        foreach (var (alias, unit) in Units)
        {
            if (!s.StartsWith(alias, StringComparison.OrdinalIgnoreCase)) continue;

            // An alias that ends in a letter must end a word: "5 more" is no "5 m".
            if (char.IsAsciiLetter(alias[^1]) && s.Length > alias.Length && char.IsAsciiLetter(s[alias.Length])) continue;
            unitEnd = at + alias.Length;
            return unit;
        }

        return Unit.None;
    }

    private static int EuroBefore(ReadOnlySpan<char> rest, int start)
    {
        int at = start - 1;
        while (at >= 0 && IsSpace(rest[at])) at--;
        return at >= 0 && rest[at] == '€' ? at : -1;
    }

    private static bool IsClock(ReadOnlySpan<char> s, int colon) =>
        colon + 2 < s.Length && s[colon] == ':' && char.IsDigit(s[colon + 1]) && char.IsDigit(s[colon + 2])
        && (colon + 3 == s.Length || !char.IsDigit(s[colon + 3]));

    private static bool IsThousands(ReadOnlySpan<char> s, int comma) =>
        comma + 3 < s.Length && s[comma] == ',' && char.IsDigit(s[comma + 1]) && char.IsDigit(s[comma + 2]) && char.IsDigit(s[comma + 3])
        && (comma + 4 == s.Length || !char.IsDigit(s[comma + 4]));

    private static int Digit(char c) => (int)char.GetNumericValue(c);

    private static bool IsSpace(char c) => c is ' ' or '\u00A0' or '\u202F';

    // Letters for the language shares: a surrogate pair (an emoji, a rare ideograph) counts as one foreign letter.
    private static bool IsForeignLetter(char c) => !char.IsAscii(c) && (char.IsLetter(c) || char.IsHighSurrogate(c));

    private static bool IsCjk(char c) => c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF';

    private static bool IsEnglish(ReadOnlySpan<char> rest)
    {
        int ascii = 0, foreign = 0, words = 0, common = 0;
        for (int i = 0; i < rest.Length; i++)
        {
            char c = rest[i];
            if (IsForeignLetter(c)) { foreign++; continue; }
            if (!char.IsAsciiLetter(c)) continue;
            int end = AsciiWordEnd(rest, i);
            ascii += end - i;
            words++;
            if (CommonEnglish.Contains(rest[i..end])) common++;
            i = end - 1;
        }

        return foreign * 20 <= (ascii + foreign) && common > 0 && common * 5 >= words;
    }

    private static bool IsChinese(ReadOnlySpan<char> rest)
    {
        int cjk = 0, letters = 0;
        foreach (char c in rest)
        {
            if (IsCjk(c)) cjk++;
            if (char.IsLetter(c) || char.IsHighSurrogate(c)) letters++;
        }

        return cjk >= 2 && cjk * 10 >= letters * 9;
    }

    /// <summary>An added name: see the type's rules. Null when there is none.</summary>
    private static string? AddedName(ReadOnlySpan<char> rest, string templateText, bool english)
    {
        bool sentenceStart = true;
        for (int i = 0; i < rest.Length; i++)
        {
            char c = rest[i];
            if (c is '.' or '!' or '?' or ':' or ';' or '\n' or '。' or '！' or '？' or '：') sentenceStart = true;
            if (!IsWordLetter(c)) continue;
            int end = i;
            while (end < rest.Length && IsWordLetter(rest[end])) end++;
            ReadOnlySpan<char> word = rest[i..end];
            bool suspect = !english || (char.IsUpper(c) && !sentenceStart && word is not "I");
            if (suspect && !HasWord(templateText, word)) return word.ToString();
            sentenceStart = false;
            i = end - 1;
        }

        return null;
    }

    // A letter of a word that is not Chinese: Latin (with umlauts), Cyrillic and the like.
    private static bool IsWordLetter(char c) => char.IsLetter(c) && !IsCjk(c);

    private static int AsciiWordEnd(ReadOnlySpan<char> s, int start)
    {
        int end = start;
        while (end < s.Length && char.IsAsciiLetter(s[end])) end++;
        return end;
    }

    private static bool HasWord(ReadOnlySpan<char> text, ReadOnlySpan<char> word)
    {
        int from = 0;
        while (from < text.Length && text[from..].IndexOf(word, StringComparison.OrdinalIgnoreCase) is >= 0 and int at)
        {
            int start = from + at, end = start + word.Length;
            if ((start == 0 || !IsWordLetter(text[start - 1])) && (end == text.Length || !IsWordLetter(text[end]))) return true;
            from = end;
        }

        return false;
    }

    private static GroundingVerdict Required(IReadOnlyList<Fact> facts, ReadOnlySpan<bool> inTemplate, ReadOnlySpan<bool> inText)
    {
        int missing = -1;
        bool any = false;
        for (int k = 0; k < facts.Count; k++)
        {
            if (facts[k].Kind == FactKind.Text) continue;
            any |= inText[k];
            if (missing < 0 && inTemplate[k] && !inText[k]) missing = k;
        }

        if (missing < 0) return GroundingVerdict.Grounded;
        return GroundingVerdict.Fail(any ? $"missing fact {facts[missing].Name}" : "no facts at all");
    }

    private static (string, Unit)[] SortedUnits((string Alias, Unit Unit)[] units)
    {
        Array.Sort(units, static (a, b) => b.Alias.Length.CompareTo(a.Alias.Length));
        return units;
    }
}
