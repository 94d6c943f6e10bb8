using System.Text;
using EdgeAI.Assistant.Suggestions;

namespace EdgeAI.Assistant.Words;

/// <summary>
/// What the model is told to reword a suggestion: the system prompt of one language (models/prompts/rephrase.LANG.txt)
/// and, per suggestion, a user message with the grounding (every fact, as templates show it) and the template's text.
/// </summary>
public sealed class RephrasePrompt
{
    private RephrasePrompt(string language, string system)
    {
        Language = language;
        System = system;
    }

    /// <summary>The language ("en", "zh-CN").</summary>
    public string Language { get; }

    /// <summary>The system prompt: how to reword, and that every fact is copied as given.</summary>
    public string System { get; }

    /// <summary>A prompt from <paramref name="system"/> itself (tests, a configured prompt).</summary>
    /// <exception cref="ArgumentException">an empty prompt, or a language other than en and zh-CN.</exception>
    public static RephrasePrompt Of(string language, string system)
    {
        if (language is not ("en" or "zh-CN")) throw new ArgumentException($"language {language}: expected en or zh-CN", nameof(language));
        if (string.IsNullOrWhiteSpace(system)) throw new ArgumentException("the rephrase prompt is empty", nameof(system));
        return new RephrasePrompt(language, system.Trim());
    }

    /// <summary>Reads <c>rephrase.LANG.txt</c> from <paramref name="folder"/>.</summary>
    /// <exception cref="FileNotFoundException">no such file.</exception>
    /// <exception cref="InvalidDataException">the file is empty.</exception>
    public static RephrasePrompt Load(string folder, string language)
    {
        string path = Path.Combine(folder, $"rephrase.{language}.txt");
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no such prompt file", path);
        string system = File.ReadAllText(path);
        if (string.IsNullOrWhiteSpace(system)) throw new InvalidDataException($"{path}:1: expected the rephrase instructions, found an empty file");
        return Of(language, system);
    }

    /// <summary>The user message for one suggestion: one line per fact (<c>- soc: 14 %</c>), then the text to reword.</summary>
    public string Message(string templateText, IReadOnlyList<Fact> facts)
    {
        ArgumentNullException.ThrowIfNull(templateText);
        ArgumentNullException.ThrowIfNull(facts);
        bool english = Language == "en";
        var message = new StringBuilder(templateText.Length + 32 * facts.Count + 32);
        message.Append(english ? "Facts:\n" : "事实：\n");
        foreach (Fact fact in facts) message.Append("- ").Append(fact.Name).Append(": ").Append(fact.Shown).Append('\n');
        return message.Append(english ? "Text: " : "原文：").Append(templateText).ToString();
    }
}
