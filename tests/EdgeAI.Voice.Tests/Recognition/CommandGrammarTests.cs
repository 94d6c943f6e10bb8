using EdgeAI.TestKit;
using EdgeAI.Voice.Intents;
using EdgeAI.Voice.Pocketsphinx;
using EdgeAI.Voice.Recognition;

namespace EdgeAI.Voice.Tests.Recognition;

public sealed class CommandGrammarTests
{
    [Fact]
    public void Build_SmallVocabulary_WritesTheExpectedJsgf()
    {
        var vocabulary = CommandVocabulary.Create(["Pho Adlergestell"], ["charger"], ["vietnamese"], ["anna"]);
        string jsgf = CommandGrammar.Build([IntentNames.Navigate, IntentNames.Call, IntentNames.Yes], vocabulary);
        Assert.Equal("""
            #JSGF V1.0;

            grammar edgeai;

            public <command> = <navigate> | <call> | <yes>;

            <navigate> = navigate to <poi> | take me to <poi> | drive to <poi> | go to <poi> | navigate to nearest <category> | navigate to the nearest <category> | take me to nearest <category> | take me to the nearest <category> | drive to nearest <category> | drive to the nearest <category> | go to nearest <category> | go to the nearest <category>;
            <call> = call <contact>;
            <yes> = yes | yes please | okay;

            <category> = charger;
            <contact> = anna;
            <poi> = pho adlergestell;

            """.ReplaceLineEndings("\n"), jsgf);
    }

    [Theory]
    [InlineData("Trattoria Schneckenburgerstraße", "trattoria schneckenburgerstrasse")]
    [InlineData("Wagner-Régeny-Straße", "wagner regeny strasse")]
    [InlineData("Bäckerei-Café Rudower Chaussee", "baeckerei cafe rudower chaussee")]
    [InlineData("P+R Bahnhof Adlershof", "park and ride bahnhof adlershof")]
    [InlineData("Parkhaus Rudower Chaussee II", "parkhaus rudower chaussee two")]
    [InlineData("ISAS (Leibniz-Institut für Analytische Wissenschaften)", "isas")]
    [InlineData("BESSY II", "bessy two")]
    [InlineData("DLR", "d l r")]
    [InlineData("Bhf Adlershof", "bahnhof adlershof")]
    public void SpokenForm_MapName_IsDictionaryWords(string name, string spoken) => Assert.Equal(spoken, SpokenForm.Of(name));

    [Fact]
    public void Build_RegionWithoutPlaces_LeavesOutThePhrasingsThatNameOne()
    {
        // A scenario without a map (the city drive): no places, categories or cuisines to name.
        var vocabulary = CommandVocabulary.Create([], [], [], ["anna"]);
        string jsgf = CommandGrammar.Build([IntentNames.Navigate, IntentNames.FindRestaurant, IntentNames.Range], vocabulary);
        Assert.Equal("""
            #JSGF V1.0;

            grammar edgeai;

            public <command> = <find_restaurant> | <range>;

            <find_restaurant> = find restaurant | find a restaurant | find an restaurant | where can i eat;
            <range> = what is my range | how far can i drive;


            """.ReplaceLineEndings("\n"), jsgf);
    }

    [Fact]
    public void Expand_BadTemplate_NamesTheTemplateAndPosition()
    {
        var e = Assert.Throws<FormatException>(() => CommandPhrases.Expand("go to (this | that"));
        Assert.Equal("phrase template \"go to (this | that\": character 7: expected ')' to close this bracket", e.Message);
        e = Assert.Throws<FormatException>(() => CommandPhrases.Expand("go to {street}"));
        Assert.StartsWith("phrase template \"go to {street}\": character 7: expected a slot ({poi}", e.Message);
    }

    [Fact]
    public void Build_GeneratedPoisOfTheDemoRegion_EveryNameEntersTheGrammar()
    {
        var pois = DemoRegionNames.GeneratedPois;
        var vocabulary = DemoRegionNames.Vocabulary(pois);
        string jsgf = CommandGrammar.Build(CommandPhrases.Default.Keys, vocabulary);
        string poiRule = jsgf.Split('\n').Single(l => l.StartsWith("<poi> = ", StringComparison.Ordinal));
        var alternatives = poiRule["<poi> = ".Length..^1].Split(" | ");
        Assert.True(pois.Count >= 40, $"{pois.Count} POIs");
        foreach (var poi in pois)
        {
            Assert.Contains(SpokenForm.Of(poi.Name), alternatives);
            Assert.Equal(poi.Name, vocabulary.PlaceName(SpokenForm.Of(poi.Name)));
        }
        Assert.Contains("<cuisine> = vietnamese | regional | burger | italian | cake | coffee shop | german | greek | steak house | indian | pizza | mediterranean;", jsgf);
    }

    [Fact]
    public void Recognizer_WholeDemoRegion_AcceptsTheGrammarWithEveryPoiName()
    {
        Sphinx.RequireModel();
        SpokenScene.RequireEspeak();
        var pois = DemoRegionNames.AllPois;
        var vocabulary = DemoRegionNames.Vocabulary(pois);
        Assert.Contains(pois, p => p.Kind == EdgeAI.Services.Map.PoiKind.Landmark);
        // pocketsphinx refuses a grammar with any word it cannot pronounce: building it is the check
        using var recognizer = PocketsphinxRecognizer.ForCommands(vocabulary);
        foreach (var poi in pois)
            foreach (string word in SpokenForm.Of(poi.Name).Split(' '))
                Assert.True(recognizer.Decoder.HasWord(word), $"{poi.Name}: '{word}' has no pronunciation");
        Assert.Contains("schneckenburgerstrasse", recognizer.GeneratedPronunciations.Keys);
        var newWords = recognizer.GeneratedPronunciations.Keys.Where(k => !k.Contains('(')).ToList();
        TestContext.Current.TestOutputHelper?.WriteLine($"{pois.Count} POIs; {newWords.Count} words not in cmudict: {string.Join(' ', newWords)}; {recognizer.GeneratedPronunciations.Count} pronunciations added");
        Assert.DoesNotContain("parking", recognizer.GeneratedPronunciations.Keys); // cmudict's words keep cmudict's pronunciation
        foreach (var (word, phones) in recognizer.GeneratedPronunciations)
            foreach (string phone in phones.Split(' '))
                Assert.True(EspeakPhonemes.EnUsPhones.Contains(phone), $"{word}: phone {phone}");
    }

    [Fact]
    public void WithoutGeneratedPronunciations_AWordTheDictionaryLacks_IsRefusedNamingIt()
    {
        Sphinx.RequireModel();
        const string jsgf = "#JSGF V1.0;\ngrammar g;\npublic <s> = go to rumplerzeile;\n";
        var options = new PocketsphinxRecognizerOptions { GeneratePronunciations = false };
        var error = Assert.Throws<PocketsphinxException>(() => PocketsphinxRecognizer.ForGrammar(jsgf, ["go", "to", "rumplerzeile"], options));
        Assert.Contains("rumplerzeile", error.Message);
        // with its pronunciation in the dictionary it loads, and nothing is generated
        using var dir = new TempDirectory();
        string dictionary = dir.File("words.dict");
        File.WriteAllLines(dictionary, ["go G OW", "to T UW", "rumplerzeile R UH M P L ER T S AY L AH"]);
        using var recognizer = PocketsphinxRecognizer.ForGrammar(jsgf, ["go", "to", "rumplerzeile"],
            options with { Model = options.Model with { Dictionary = dictionary } });
        Assert.Empty(recognizer.GeneratedPronunciations);
        Assert.Equal("R UH M P L ER T S AY L AH", recognizer.Decoder.Pronunciation("rumplerzeile"));
    }

    [Theory]
    [InlineData("Sn'Ek@nb,URg3str,as@", "de", "SH N EH K AH N B UH R G ER S T R AA S AH")]
    [InlineData("r'Umpl3ts,aIl@", "de", "R UH M P L ER T S AY L AH")]
    [InlineData("gl'i:nICk", "de", "G L IY N IH HH K")]
    [InlineData("d'Wrpf@ltstr,as@", "de", "D ER R P F AH L T S T R AA S AH")]
    [InlineData("_!'adl3g,EStEl", "de", "AA D L ER G EH SH T EH L")]
    [InlineData("(en)nj'u:t@n(de)", "de", "N Y UW T AH N")]
    [InlineData("'ad@L@dZ,EstEl", "en-us", "AE D AH L AH JH EH S T EH L")]
    [InlineData("Sn'Ek@nb,3:g3str,aas", "en-us", "SH N EH K AH N B ER G ER S T R AA S")]
    [InlineData("n'avIg,eIt", "en", "N AA V IH G EY T")]
    public void ToArpabet_EspeakMnemonics_MapToEnUsPhones(string mnemonics, string voice, string phones) =>
        Assert.Equal(phones, EspeakPhonemes.ToArpabet(mnemonics, voice));

    [Fact]
    public void Mnemonics_GermanNames_OneEntryPerWordInOrder()
    {
        SpokenScene.RequireEspeak();
        var words = EspeakPhonemes.Mnemonics(["rumplerzeile", "adlergestell", "glinigk"], "de");
        Assert.Equal(3, words.Count);
        Assert.Equal("R UH M P L ER T S AY L AH", EspeakPhonemes.ToArpabet(words[0], "de"));
        Assert.StartsWith("AA D L ER G EH", EspeakPhonemes.ToArpabet(words[1], "de"));
    }
}
