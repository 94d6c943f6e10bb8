using System.Text;
using System.Text.Json;
using EdgeAI.Assistant.Suggestions;

namespace EdgeAI.Assistant.Words;

/// <summary>
/// The suggestion templates of one language (models/prompts/suggestions.LANG.json): a name (<c>charging.stop</c>) to a
/// text with <c>{fact}</c> placeholders. A template may have a <c>NAME.short</c> twin, used when the long one would
/// pass <see cref="MaxCharsWhileMoving"/> while the car moves (Android Automotive's driving limit). An optional
/// <c>terms</c> object translates the values of <see cref="FactKind.Text"/> facts ("driver door" → "驾驶员车门"), which
/// triggers write in English.
/// </summary>
public sealed class TemplateBook
{
    /// <summary>The most characters shown while moving.</summary>
    public const int MaxCharsWhileMoving = 120;

    private readonly Dictionary<string, string> _templates;
    private readonly Dictionary<string, string> _terms;

    private TemplateBook(string language, Dictionary<string, string> templates, Dictionary<string, string> terms)
    {
        Language = language;
        _templates = templates;
        _terms = terms;
    }

    /// <summary>The term for an English text value in this language (the value itself when none is given).</summary>
    public string Term(string value) => _terms.GetValueOrDefault(value, value);

    /// <summary>The language ("en", "zh-CN").</summary>
    public string Language { get; }

    /// <summary>Every template name.</summary>
    public IEnumerable<string> Names => _templates.Keys;

    /// <summary>The raw template, or null.</summary>
    public string? Template(string name) => _templates.GetValueOrDefault(name);

    /// <summary>Reads <c>suggestions.LANG.json</c> from <paramref name="folder"/>.</summary>
    /// <exception cref="FileNotFoundException">no such file.</exception>
    /// <exception cref="InvalidDataException">not a template file, or a template with a <c>{</c> that opens no
    /// <c>{fact}</c> (one line naming it and what was expected).</exception>
    public static TemplateBook Load(string folder, string language)
    {
        string path = Path.Combine(folder, $"suggestions.{language}.json");
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no such template file", path);
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            var root = document.RootElement;
            if (!root.TryGetProperty("templates", out var templates) || templates.ValueKind != JsonValueKind.Object)
                throw new InvalidDataException($"{path}: expected {{\"language\": ..., \"templates\": {{NAME: TEXT}}}}");
            var map = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var t in templates.EnumerateObject())
            {
                string text = t.Value.ValueKind == JsonValueKind.String ? t.Value.GetString()! : throw new InvalidDataException($"{path}: templates.{t.Name}: expected a string");
                if (BadPlaceholder(text) is { } at) throw new InvalidDataException($"{path}: templates.{t.Name}: expected {{FACT}} at character {at + 1}");
                map[t.Name] = text;
            }
            var terms = new Dictionary<string, string>(StringComparer.Ordinal);
            if (root.TryGetProperty("terms", out var t2) && t2.ValueKind == JsonValueKind.Object)
                foreach (var term in t2.EnumerateObject())
                    terms[term.Name] = term.Value.ValueKind == JsonValueKind.String ? term.Value.GetString()! : throw new InvalidDataException($"{path}: terms.{term.Name}: expected a string");
            return new TemplateBook(language, map, terms);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}:{(e.LineNumber ?? 0) + 1}: expected JSON");
        }
    }

    /// <summary>
    /// Renders <paramref name="name"/> with <paramref name="facts"/>; while <paramref name="moving"/>, the short twin
    /// replaces a text longer than <see cref="MaxCharsWhileMoving"/>, and a text still too long is cut at a word.
    /// </summary>
    /// <exception cref="KeyNotFoundException">no such template, or it names a fact the proposal lacks.</exception>
    public string Render(string name, IReadOnlyList<Fact> facts, bool moving)
    {
        string text = Fill(name, facts);
        if (!moving || text.Length <= MaxCharsWhileMoving) return text;
        if (_templates.ContainsKey(name + ".short")) text = Fill(name + ".short", facts);
        return text.Length <= MaxCharsWhileMoving ? text : Cut(text);
    }

    private string Fill(string name, IReadOnlyList<Fact> facts)
    {
        string template = _templates.GetValueOrDefault(name) ?? throw new KeyNotFoundException($"no template {name} in suggestions.{Language}.json");
        var text = new StringBuilder(template.Length + 32);
        for (int i = 0; i < template.Length; i++)
        {
            if (template[i] != '{') { text.Append(template[i]); continue; }
            int end = template.IndexOf('}', i);
            string fact = template[(i + 1)..end];
            var value = facts.FirstOrDefault(f => f.Name == fact) ?? throw new KeyNotFoundException($"template {name} names {{{fact}}}, which the proposal lacks");
            text.Append(value.Kind == FactKind.Text ? Term(value.Shown) : value.Shown);
            i = end;
        }
        return text.ToString();
    }

    // Where a '{' does not open a {name} (unclosed, empty, or with another '{' inside), or null.
    private static int? BadPlaceholder(string template)
    {
        for (int i = template.IndexOf('{'); i >= 0; i = template.IndexOf('{', i + 1))
        {
            int end = template.IndexOf('}', i);
            if (end <= i + 1 || template.IndexOf('{', i + 1, end - i - 1) >= 0) return i;
        }
        return null;
    }

    private static string Cut(string text)
    {
        int space = text.LastIndexOf(' ', MaxCharsWhileMoving - 1);
        return (space > 0 ? text[..space] : text[..(MaxCharsWhileMoving - 1)]) + "…";
    }
}
