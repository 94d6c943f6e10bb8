using EdgeAI.Voice.Intents;

namespace EdgeAI.Voice.Tests.Recognition;

public sealed class IntentParserTests
{
    private static readonly CommandVocabulary Vocabulary = CommandVocabulary.Create(
        ["Trattoria Schneckenburgerstraße", "Parkhaus Rudower Chaussee", "Parkhaus Rudower Chaussee II", "P+R Bahnhof Adlershof", "DLR",
         "Humboldt-Universität (Campus Adlershof)", "Café Ernst-Ruska-Ufer"],
        ["restaurant", "cafe", "parking", "charger"],
        ["italian", "coffee_shop", "greek", "steak_house"]);

    private static readonly IntentParser Parser = new(Vocabulary);

    public static TheoryData<string, string, string> Commands => new()
    {
        { "navigate to trattoria schneckenburgerstrasse", IntentNames.Navigate, "poi=trattoria schneckenburgerstraße" },
        { "take me to parkhaus rudower chaussee", IntentNames.Navigate, "poi=parkhaus rudower chaussee" },
        { "go to parkhaus rudower chaussee two", IntentNames.Navigate, "poi=parkhaus rudower chaussee ii" },
        { "drive to park and ride bahnhof adlershof", IntentNames.Navigate, "poi=p+r bahnhof adlershof" },
        { "navigate to d l r", IntentNames.Navigate, "poi=dlr" },
        { "navigate to humboldt universitaet", IntentNames.Navigate, "poi=humboldt-universität (campus adlershof)" },
        { "go to cafe ernst ruska ufer", IntentNames.Navigate, "poi=café ernst-ruska-ufer" },
        { "navigate to the nearest charger", IntentNames.Navigate, "category=charger" },
        { "take me to nearest cafe", IntentNames.Navigate, "category=cafe" },
        { "find parking", IntentNames.FindParking, "" },
        { "find a parking spot", IntentNames.FindParking, "" },
        { "where can i park", IntentNames.FindParking, "" },
        { "find a charging station", IntentNames.FindCharger, "" },
        { "where is the nearest charger", IntentNames.FindCharger, "" },
        { "find a restaurant", IntentNames.FindRestaurant, "" },
        { "find an italian restaurant", IntentNames.FindRestaurant, "cuisine=italian" },
        { "find a steak house restaurant", IntentNames.FindRestaurant, "cuisine=steak house" },
        { "i want to eat greek food", IntentNames.FindRestaurant, "cuisine=greek" },
        { "i want coffee shop food", IntentNames.FindRestaurant, "cuisine=coffee shop" },
        { "where can i eat", IntentNames.FindRestaurant, "" },
        { "when will the light turn green", IntentNames.TimeToGreen, "" },
        { "how long until green", IntentNames.TimeToGreen, "" },
        { "how long until the light turns green", IntentNames.TimeToGreen, "" },
        { "time to green", IntentNames.TimeToGreen, "" },
        { "set the temperature to twenty one degrees", IntentNames.SetTemperature, "celsius=21" },
        { "set temperature to sixteen", IntentNames.SetTemperature, "celsius=16" },
        { "set temperature to 22 degrees", IntentNames.SetTemperature, "celsius=22" },
        { "make it twenty eight degrees", IntentNames.SetTemperature, "celsius=28" },
        { "make it twenty degrees", IntentNames.SetTemperature, "celsius=20" },
        { "what is my range", IntentNames.Range, "" },
        { "how far can i drive", IntentNames.Range, "" },
        { "call anna", IntentNames.Call, "contact=anna" },
        { "call home", IntentNames.Call, "contact=home" },
        { "cancel", IntentNames.Cancel, "" },
        { "stop", IntentNames.Cancel, "" },
        { "never mind", IntentNames.Cancel, "" },
        { "yes", IntentNames.Yes, "" },
        { "yes please", IntentNames.Yes, "" },
        { "okay", IntentNames.Yes, "" },
        { "no", IntentNames.No, "" },
        { "no thanks", IntentNames.No, "" },
        { "what can you do", IntentNames.Help, "" },
        { "help", IntentNames.Help, "" },
        { "  navigate   to the nearest   parking ", IntentNames.Navigate, "category=parking" },
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public void Parse_CommandPhrasing_GivesItsIntentAndSlots(string transcript, string intent, string slots)
    {
        var result = Parser.Parse(transcript);
        Assert.Equal(intent, result.Name);
        Assert.Equal(slots, string.Join(';', result.Slots.OrderBy(s => s.Key).Select(s => $"{s.Key}={s.Value}")));
        Assert.Equal(transcript, result.Transcript);
    }

    [Theory]
    [InlineData("what is the capital of france")]
    [InlineData("navigate to paris")]                      // not a place of the region
    [InlineData("navigate to")]                            // slot missing
    [InlineData("set the temperature to warm")]
    [InlineData("set the temperature to twenty zero")]     // not a number
    [InlineData("find parking now please")]                // words after the command
    [InlineData("please find parking")]
    [InlineData("call")]
    [InlineData("")]
    [InlineData("Find Parking")]                           // transcripts are lower case; anything else is not a command
    public void Parse_AnythingElse_IsAQuestionWithTheTranscript(string transcript)
    {
        var result = Parser.Parse(transcript);
        Assert.Equal(IntentNames.Question, result.Name);
        Assert.Empty(result.Slots);
        Assert.Equal(transcript, result.Transcript);
    }

    [Fact]
    public void Parse_VeryLongTranscript_IsAQuestion()
    {
        string transcript = string.Join(' ', Enumerable.Repeat("find parking", 40));
        Assert.Equal(IntentNames.Question, Parser.Parse(transcript).Name);
    }

    [Fact]
    public void Parse_EveryPhraseOfTheGrammar_ParsesToTheIntentItWasWrittenFor()
    {
        // Round trip: each template expanded, each slot filled with each of its values, must parse back to its intent
        // with that slot value (the grammar and the parser cannot drift apart).
        int checkedPhrases = 0;
        foreach (var (intent, templates) in CommandPhrases.Default)
            foreach (string template in templates)
                foreach (var path in CommandPhrases.Expand(template))
                {
                    string? slot = path.FirstOrDefault(w => w.StartsWith('{'))?[1..^1];
                    var values = slot is null ? [""] : CommandGrammar.SlotValues(slot, Vocabulary);
                    foreach (string value in values)
                    {
                        string said = string.Join(' ', path.Select(w => w.StartsWith('{') ? value : w));
                        var result = Parser.Parse(said);
                        Assert.True(intent == result.Name, $"'{said}' parsed as {result.Name}, written for {intent}");
                        if (slot is not null) Assert.True(result.Slots.ContainsKey(slot), $"'{said}' lost its {slot}");
                        checkedPhrases++;
                    }
                }
        Assert.True(checkedPhrases > 100, $"{checkedPhrases} phrases");
    }

    [Fact]
    public void Parse_SameTranscriptTwice_GivesEqualIntents()
    {
        var a = Parser.Parse("set the temperature to twenty one degrees");
        var b = Parser.Parse("set the temperature to twenty one degrees");
        Assert.Equal(a.Name, b.Name);
        Assert.Equal(a.Slots, b.Slots);
    }

    [Fact]
    public void Parse_Command_AllocatesOnlyTheResult()
    {
        Parser.Parse("navigate to trattoria schneckenburgerstrasse");
        long before = GC.GetAllocatedBytesForCurrentThread();
        Parser.Parse("navigate to trattoria schneckenburgerstrasse");
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        // the Intent, its slot dictionary and the lower-cased place name; no per-word strings
        Assert.InRange(allocated, 1, 700);
    }

    [Theory]
    [InlineData("where can i park")]
    [InlineData("find parking")]                                  // "spot" or "space" would not change it
    [InlineData("no")]                                            // nor would "thanks"
    [InlineData("set the temperature to twenty one")]            // nor "degrees"
    [InlineData("set the temperature to eighteen")]
    [InlineData("navigate to trattoria schneckenburgerstrasse")]
    [InlineData("go to parkhaus rudower chaussee two")]
    [InlineData("call home")]
    [InlineData("cancel")]
    public void IsComplete_WholeCommandThatMoreWordsCannotChange_IsTrue(string transcript) =>
        Assert.True(Parser.IsComplete(transcript), transcript);

    [Theory]
    [InlineData("set the temperature to twenty")]                // may become "twenty one"
    [InlineData("take me to parkhaus rudower chaussee")]          // may become "... chaussee two", another place
    [InlineData("navigate to")]                                   // no command yet
    [InlineData("navigate to the nearest")]
    [InlineData("call")]
    [InlineData("what is the weather like")]                      // a question, not a command
    [InlineData("")]
    public void IsComplete_CommandThatMayGoOnOrNoCommand_IsFalse(string transcript) =>
        Assert.False(Parser.IsComplete(transcript), transcript);

    [Fact]
    public void IsComplete_EveryPhraseOfTheGrammar_IsCompleteOrIsTheBeginningOfALongerOne()
    {
        // Each whole phrase is either complete, or a longer phrase (another intent's or a longer slot value) begins with it.
        var phrases = CommandPhrases.Default.SelectMany(kv => kv.Value.SelectMany(t => CommandPhrases.Expand(t)))
            .Where(path => path.All(w => w[0] != '{')).Select(path => string.Join(' ', path)).ToList();
        Assert.NotEmpty(phrases);
        foreach (string phrase in phrases)
        {
            bool longer = phrases.Any(other => other.StartsWith(phrase + " ", StringComparison.Ordinal)
                && Parser.Parse(other).Name != Parser.Parse(phrase).Name);
            Assert.Equal(!longer, Parser.IsComplete(phrase));
        }
    }
}
