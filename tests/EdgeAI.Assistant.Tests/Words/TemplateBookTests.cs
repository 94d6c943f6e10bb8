using System.Text.RegularExpressions;
using EdgeAI.Assistant.Engine;
using EdgeAI.Assistant.Suggestions;
using EdgeAI.Assistant.Tests.Fixtures;
using EdgeAI.Assistant.Triggers;
using EdgeAI.Assistant.Words;
using EdgeAI.Fusion.Context;
using EdgeAI.TestKit;

namespace EdgeAI.Assistant.Tests.Words;

/// <summary>
/// The committed templates, in English and Chinese, rendered with the facts their triggers produce: every template has
/// its trigger and its twin, fits the driving limit without being cut, and names only facts the trigger gives.
/// </summary>
public partial class TemplateBookTests
{
    [GeneratedRegex(@"\{([^{}]+)\}")]
    private static partial Regex Placeholder();

    private static readonly Lazy<Dictionary<string, Proposal>> Produced = new(ProduceAll);

    public static TheoryData<string, string> EveryTemplate =>
        [.. Templates.Languages.SelectMany(l => TemplateBook.Load(Templates.Folder, l).Names.Where(n => !n.EndsWith(".short", StringComparison.Ordinal)).Select(n => (l, n)))];

    [Fact]
    public void Languages_EveryTemplateHasItsTwin_NamingTheSameFacts()
    {
        var en = TemplateBook.Load(Templates.Folder, "en");
        var zh = TemplateBook.Load(Templates.Folder, "zh-CN");
        Assert.Equal(en.Names.Order(StringComparer.Ordinal), zh.Names.Order(StringComparer.Ordinal));
        foreach (var name in en.Names)
            Assert.True(Facts(en.Template(name)!).SetEquals(Facts(zh.Template(name)!)), $"{name}: en names {{{string.Join(", ", Facts(en.Template(name)!))}}}, zh-CN {{{string.Join(", ", Facts(zh.Template(name)!))}}}");
    }

    [Fact]
    public void Triggers_EveryTemplateIsProducedByATrigger_AndEveryTriggersTemplateExists()
    {
        var names = Templates.English.Names.Where(n => !n.EndsWith(".short", StringComparison.Ordinal)).Order(StringComparer.Ordinal);
        Assert.Equal(names, Produced.Value.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(EveryTemplate))]
    public void Render_WithItsTriggersFacts_WhileMovingFitsWithoutBeingCut(string language, string name)
    {
        var book = TemplateBook.Load(Templates.Folder, language);
        var facts = Produced.Value[name].Facts;
        string text = book.Render(name, facts, moving: true);
        Assert.True(text.Length <= TemplateBook.MaxCharsWhileMoving, $"{text.Length} chars: {text}");
        Assert.False(text.EndsWith('…'), $"cut: {text}");
        Assert.DoesNotContain("{", text);
        AssertFactsShown(book, text.Length < book.Render(name, facts, moving: false).Length ? name + ".short" : name, facts, text);
    }

    [Theory]
    [MemberData(nameof(EveryTemplate))]
    public void Render_Standing_TheLongWordsWithEveryFactTheyName(string language, string name)
    {
        var book = TemplateBook.Load(Templates.Folder, language);
        var facts = Produced.Value[name].Facts;
        string text = book.Render(name, facts, moving: false);
        Assert.DoesNotContain("{", text);
        AssertFactsShown(book, name, facts, text);
    }

    [Fact]
    public void Render_LongWhileMoving_TheShortTwinIsSaid()
    {
        var facts = Produced.Value["charging.stop"].Facts;
        string standing = Templates.English.Render("charging.stop", facts, moving: false);
        string moving = Templates.English.Render("charging.stop", facts, moving: true);
        Assert.True(standing.Length > TemplateBook.MaxCharsWhileMoving, standing);
        Assert.Equal(Templates.English.Render("charging.stop.short", facts, moving: false), moving);
    }

    [Fact]
    public void Render_TemplateNamingAFactTheProposalLacks_Throws()
    {
        var e = Assert.Throws<KeyNotFoundException>(() => Templates.English.Render("safety.door", [Suggestions.Facts.Number("speed", 30, 0, "km/h")], moving: false));
        Assert.Contains("{opening}", e.Message);
        Assert.Contains("safety.door", e.Message);
    }

    [Fact]
    public void Render_NoSuchTemplate_Throws()
    {
        var e = Assert.Throws<KeyNotFoundException>(() => Templates.English.Render("nothing.here", [], moving: false));
        Assert.Contains("nothing.here", e.Message);
    }

    [Fact]
    public void Render_TooLongWhileMovingWithoutAShortTwin_CutAtAWord()
    {
        using var folder = new TempDirectory();
        File.WriteAllText(folder.File("suggestions.xx.json"), """
            {"language": "xx", "templates": {"long": "The {what} is {how} and this sentence goes on and on with many more words until it is well beyond the limit of one hundred and twenty characters."}}
            """);
        var book = TemplateBook.Load(folder.Path, "xx");
        Fact[] facts = [Suggestions.Facts.Text("what", "screen"), Suggestions.Facts.Text("how", "cold")];
        string standing = book.Render("long", facts, moving: false);
        string moving = book.Render("long", facts, moving: true);

        Assert.StartsWith("The screen is cold and", standing);
        Assert.True(moving.Length <= TemplateBook.MaxCharsWhileMoving, moving);
        Assert.EndsWith("…", moving);
        Assert.StartsWith(moving[..^1] + " ", standing); // cut at a space
    }

    [Fact]
    public void Load_NoFile_FileNotFoundException()
    {
        using var folder = new TempDirectory();
        var e = Assert.Throws<FileNotFoundException>(() => TemplateBook.Load(folder.Path, "xx"));
        Assert.Contains("suggestions.xx.json", e.Message);
    }

    [Theory]
    [InlineData("{\"templates\": {\"a\": \"x\",}", "expected JSON")]
    [InlineData("{\"language\": \"xx\"}", "expected {\"language\"")]
    [InlineData("{\"templates\": {\"a\": 3}}", "templates.a: expected a string")]
    [InlineData("{\"templates\": {\"a\": \"Green in {green_in.\"}}", "templates.a")]
    [InlineData("{\"templates\": {\"a\": \"Green in {}.\"}}", "templates.a")]
    public void Load_NotATemplateFile_InvalidDataExceptionNamingTheFile(string json, string expected)
    {
        using var folder = new TempDirectory();
        string path = folder.File("suggestions.xx.json");
        File.WriteAllText(path, json);
        var e = Assert.Throws<InvalidDataException>(() => TemplateBook.Load(folder.Path, "xx"));
        Assert.StartsWith(path + ":", e.Message);
        Assert.Contains(expected, e.Message);
    }

    private static HashSet<string> Facts(string template) => [.. Placeholder().Matches(template).Select(m => m.Groups[1].Value)];

    [Fact]
    public void Terms_Chinese_EveryDoorAndEveryCuisineOfTheDemoRegionIsTranslated()
    {
        var chinese = TemplateBook.Load(Templates.Folder, "zh-CN");
        var pois = System.Text.Json.JsonDocument.Parse(File.ReadAllText(RepoPaths.Get("models", "maps", "adlershof", "pois.json")));
        var cuisines = pois.RootElement.GetProperty("pois").EnumerateArray()
            .Where(p => p.TryGetProperty("food", out _)).Select(p => p.GetProperty("food").GetProperty("cuisine").GetString()!).Distinct();
        foreach (var value in cuisines.Concat(["driver door", "passenger door", "rear left door", "rear right door", "trunk", "hood"]))
            Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", chinese.Term(value));
        string text = chinese.Render("safety.door", [Suggestions.Facts.Text("opening", "trunk"), Suggestions.Facts.Number("speed", 30, 0, "km/h")], moving: true);
        Assert.Equal("后备箱 未关。", text);
    }

    private static void AssertFactsShown(TemplateBook book, string name, IReadOnlyList<Fact> facts, string text)
    {
        // Text facts (a cuisine, a door) appear in the book's own terms.
        foreach (var fact in Facts(book.Template(name)!))
            Assert.Contains(facts.Single(f => f.Name == fact) is { Kind: FactKind.Text } t ? book.Term(t.Shown) : facts.Single(f => f.Name == fact).Shown, text);
    }

    // One proposal per template, each made by its trigger on the bundled drive or the hand-made street.
    private static Dictionary<string, Proposal> ProduceAll()
    {
        var result = new Dictionary<string, Proposal>(StringComparer.Ordinal);
        void Add(Proposal? p)
        {
            Assert.NotNull(p);
            result.TryAdd(p.Template, p);
        }
        Proposal? Evaluate(ScriptedDrive drive, ITrigger trigger)
        {
            drive.Step();
            return trigger.Evaluate(drive.Moment);
        }

        foreach (var c in TriggerCases.All.Values)
        {
            var (drive, trigger) = c.Start();
            Add(Evaluate(drive, trigger));
        }

        var hand = HandRegion.Services();
        var (parking, parkingTrigger) = (new ScriptedDrive([]), new ParkingTrigger());
        parking.Moment.Trip = HandRegion.Trip(hand, 1000, parking.NowNs);
        Add(Evaluate(parking, parkingTrigger)); // parking.best: no feed
        var (food, foodTrigger) = (new ScriptedDrive([]), new FoodTrigger());
        food.Moment.Trip = HandRegion.Trip(hand, 1000, food.NowNs);
        food.Send(ContextKeys.Speed, 30);
        Add(Evaluate(food, foodTrigger)); // food.open: open around the clock

        var (attention, attentionTrigger) = TriggerCases.All["attention"].Start();
        Add(Evaluate(attention, attentionTrigger));
        attention.Send(ContextKeys.Attention, (int)DriverAttention.Attentive);
        Evaluate(attention, attentionTrigger);
        attention.Send(ContextKeys.Attention, (int)DriverAttention.Alert);
        Add(Evaluate(attention, attentionTrigger)); // attention.break

        var (demister, demisterTrigger) = TriggerCases.All["demister"].Start();
        demister.Send(DemisterTrigger.Humidity, 85);
        Add(Evaluate(demister, demisterTrigger)); // comfort.demister
        demister.Forget(DemisterTrigger.WindscreenTemperature);
        Add(Evaluate(demister, demisterTrigger)); // comfort.demister_humid

        var (cold, coldTrigger) = TriggerCases.All["precondition"].Start();
        cold.Send(ContextKeys.CabinTemperature, 4);
        Add(Evaluate(cold, coldTrigger)); // comfort.precondition_cold
        return result;
    }
}
