using System.Globalization;

namespace EdgeAI.Voice.Intents;

/// <summary>
/// Turns a transcript into an <see cref="Intent"/> by matching it, word for word, against the same
/// <see cref="CommandPhrases"/> templates the grammar is built from, with slots filled from the
/// <see cref="CommandVocabulary"/>: <c>poi</c> is the place's written name in lower case ("trattoria
/// schneckenburgerstraße"), <c>celsius</c> digits ("twenty one" or "21" is "21"), the other slots as said. Anything
/// else is <see cref="IntentNames.Question"/> with the transcript. Pure: the same transcript gives the same intent;
/// matching works on spans of the transcript, allocating only the result.
/// </summary>
public sealed class IntentParser
{
    private const int MaxWords = 48, MaxCaptures = 4;
    private static readonly IReadOnlyDictionary<string, string> NoSlots = new Dictionary<string, string>();

    private readonly (string Intent, string[] Path)[] _paths;
    private readonly string[][][] _slotValues; // per slot of CommandPhrases.Slots: each value's words
    private readonly string[][] _slotSpoken;
    private readonly CommandVocabulary _vocabulary;

    /// <summary>A parser for <paramref name="intents"/> (default: all of <see cref="CommandPhrases.Default"/>) over <paramref name="vocabulary"/>.</summary>
    public IntentParser(CommandVocabulary vocabulary, IEnumerable<string>? intents = null)
    {
        _vocabulary = vocabulary ?? throw new ArgumentNullException(nameof(vocabulary));
        var paths = new List<(string, string[])>();
        foreach (string intent in intents ?? CommandPhrases.Default.Keys)
            foreach (string template in CommandPhrases.Default[intent])
                foreach (var path in CommandPhrases.Expand(template)) paths.Add((intent, [.. path]));
        _paths = [.. paths];
        var slots = CommandPhrases.Slots;
        _slotSpoken = new string[slots.Count][];
        _slotValues = new string[slots.Count][][];
        for (int s = 0; s < slots.Count; s++)
        {
            _slotSpoken[s] = [.. CommandGrammar.SlotValues(slots[s], vocabulary)];
            _slotValues[s] = [.. _slotSpoken[s].Select(v => v.Split(' '))];
        }
    }

    /// <summary>The intent of <paramref name="transcript"/> (lower case words, as <see cref="Recognition.Transcript.Text"/>).</summary>
    public Intent Parse(string transcript)
    {
        ArgumentNullException.ThrowIfNull(transcript);
        ReadOnlySpan<char> text = transcript;
        Span<Range> words = stackalloc Range[MaxWords + 1];
        int count = text.SplitAny(words, " \t", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Span<Capture> captures = stackalloc Capture[MaxCaptures];
        if (count > 0 && count <= MaxWords)
        {
            foreach (var (intent, path) in _paths)
            {
                if (Match(path, 0, text, words[..count], 0, captures, 0, out int captured))
                    return new Intent(intent, Slots(captures[..captured], text, words), transcript);
            }
        }
        return new Intent(IntentNames.Question, NoSlots, transcript);
    }

    /// <summary>
    /// True when <paramref name="transcript"/> is a whole command that more words cannot change: it parses to an intent
    /// other than <see cref="IntentNames.Question"/>, and no phrase of the grammar that begins with these words goes on
    /// to another intent, a slot, or a longer slot value ("twenty" may become "twenty one", "parkhaus" a longer name).
    /// Words that only complete the same command ("find parking" + "spot", "no" + "thanks") do not count. The dialog
    /// ends such a request after a shorter silence than the VAD's hangover.
    /// </summary>
    public bool IsComplete(string transcript)
    {
        var intent = Parse(transcript);
        if (intent.Name == IntentNames.Question) return false;
        ReadOnlySpan<char> text = transcript;
        Span<Range> words = stackalloc Range[MaxWords + 1];
        int count = text.SplitAny(words, " \t", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var (name, path) in _paths)
            if (GoesOn(path, 0, text, words[..count], 0, name != intent.Name)) return false;
        return true;
    }

    // Whether the words are a strict beginning of `path` after which something that changes the meaning can follow:
    // a slot, a longer slot value, or any word of another intent (`otherIntent`).
    private bool GoesOn(string[] path, int p, ReadOnlySpan<char> text, ReadOnlySpan<Range> words, int w, bool otherIntent)
    {
        if (w == words.Length)
        {
            if (p == path.Length) return false;
            if (otherIntent) return true;
            for (int i = p; i < path.Length; i++) if (path[i][0] == '{') return true;
            return false;
        }
        if (p == path.Length) return false;
        string item = path[p];
        if (item[0] != '{') return text[words[w]].SequenceEqual(item) && GoesOn(path, p + 1, text, words, w + 1, otherIntent);
        int slot = SlotIndex(item);
        if (CommandPhrases.Slots[slot] == "celsius")
        {
            // "twenty" as the last word may become "twenty one"
            if (w + 1 == words.Length && NumberWords.Ten(text[words[w]]) > 0) return true;
            for (int length = 1; length <= 2 && w + length <= words.Length; length++)
                if (Number(text, words.Slice(w, length)) >= 0 && GoesOn(path, p + 1, text, words, w + length, otherIntent)) return true;
            return false;
        }
        foreach (var value in _slotValues[slot])
        {
            int left = words.Length - w, same = Math.Min(left, value.Length);
            bool prefix = true;
            for (int i = 0; i < same && prefix; i++) prefix = text[words[w + i]].SequenceEqual(value[i]);
            if (!prefix) continue;
            if (value.Length > left) return true; // the words so far begin a longer value
            if (GoesOn(path, p + 1, text, words, w + value.Length, otherIntent)) return true;
        }
        return false;
    }

    private bool Match(string[] path, int p, ReadOnlySpan<char> text, ReadOnlySpan<Range> words, int w, Span<Capture> captures, int depth, out int captured)
    {
        captured = depth;
        if (p == path.Length) return w == words.Length;
        string item = path[p];
        if (item[0] != '{')
            return w < words.Length && text[words[w]].SequenceEqual(item) && Match(path, p + 1, text, words, w + 1, captures, depth, out captured);
        if (depth == captures.Length) return false;
        int slot = SlotIndex(item);
        if (CommandPhrases.Slots[slot] == "celsius")
        {
            // a number as one or two words, or as digits
            for (int length = 2; length >= 1; length--)
            {
                if (w + length > words.Length) continue;
                int value = Number(text, words.Slice(w, length));
                if (value < 0) continue;
                captures[depth] = new Capture(slot, value, w, length);
                if (Match(path, p + 1, text, words, w + length, captures, depth + 1, out captured)) return true;
            }
            return false;
        }
        var values = _slotValues[slot];
        for (int v = 0; v < values.Length; v++)
        {
            var value = values[v];
            if (w + value.Length > words.Length) continue;
            bool same = true;
            for (int i = 0; i < value.Length && same; i++) same = text[words[w + i]].SequenceEqual(value[i]);
            if (!same) continue;
            captures[depth] = new Capture(slot, v, w, value.Length);
            if (Match(path, p + 1, text, words, w + value.Length, captures, depth + 1, out captured)) return true;
        }
        return false;
    }

    private static int SlotIndex(string item)
    {
        var name = item.AsSpan(1, item.Length - 2);
        for (int s = 0; s < CommandPhrases.Slots.Count; s++) if (name.SequenceEqual(CommandPhrases.Slots[s])) return s;
        return -1;
    }

    // "twenty one", "sixteen", "21" → value; -1 when the words are no number.
    private static int Number(ReadOnlySpan<char> text, ReadOnlySpan<Range> words)
    {
        var first = text[words[0]];
        if (words.Length == 1)
        {
            if (int.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out int digits)) return digits;
            int unit = NumberWords.Unit(first);
            return unit >= 0 ? unit : NumberWords.Ten(first);
        }
        int tens = NumberWords.Ten(first), ones = NumberWords.Unit(text[words[1]]);
        return tens > 0 && ones is > 0 and < 10 ? tens + ones : -1;
    }

    private Dictionary<string, string> Slots(ReadOnlySpan<Capture> captures, ReadOnlySpan<char> text, ReadOnlySpan<Range> words)
    {
        var slots = new Dictionary<string, string>(captures.Length, StringComparer.Ordinal);
        foreach (var c in captures)
        {
            string name = CommandPhrases.Slots[c.Slot];
            string value = name switch
            {
                "celsius" => c.Value.ToString(CultureInfo.InvariantCulture),
                "poi" => (_vocabulary.PlaceName(_slotSpoken[c.Slot][c.Value]) ?? _slotSpoken[c.Slot][c.Value]).ToLowerInvariant(),
                _ => _slotSpoken[c.Slot][c.Value],
            };
            slots[name] = value;
        }
        return slots;
    }

    private readonly record struct Capture(int Slot, int Value, int Start, int Length);
}
