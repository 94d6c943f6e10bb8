using EdgeAI.Assistant.Words;
using EdgeAI.TestKit;

namespace EdgeAI.Assistant.Tests.Fixtures;

/// <summary>The committed suggestion templates (models/prompts/suggestions.LANG.json).</summary>
public static class Templates
{
    /// <summary>The folder holding them.</summary>
    public static string Folder => RepoPaths.Get("models", "prompts");

    /// <summary>The languages shipped.</summary>
    public static readonly string[] Languages = ["en", "zh-CN"];

    private static readonly Lazy<TemplateBook> LazyEnglish = new(() => TemplateBook.Load(Folder, "en"));

    /// <summary>The English book.</summary>
    public static TemplateBook English => LazyEnglish.Value;

    /// <summary>Writes in English.</summary>
    public static TemplateWriter EnglishWriter => new(English);
}
