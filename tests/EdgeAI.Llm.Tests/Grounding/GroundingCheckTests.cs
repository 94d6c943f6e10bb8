using EdgeAI.Assistant.Suggestions;
using EdgeAI.Assistant.Words;

namespace EdgeAI.Llm.Tests.Grounding;

/// <summary>The grounding check on the templates' own texts and on hand-made rewordings that keep, change, add or drop facts.</summary>
public sealed class GroundingCheckTests
{
    private static readonly Proposal Charging = GroundingCases.For("charging.stop");
    private static readonly string ChargingText = GroundingCases.Book("en").Render("charging.stop", Charging.Facts, moving: false);

    private static GroundingVerdict CheckCharging(string text, bool moving = false) => GroundingCheck.Check(text, Charging, ChargingText, "en", moving);

    [Theory]
    [InlineData("en")]
    [InlineData("zh-CN")]
    public void Check_EveryTemplatesOwnRendering_Passes(string language)
    {
        var book = GroundingCases.Book(language);
        int checkedTexts = 0;
        foreach (string name in book.Names)
        {
            Proposal proposal = GroundingCases.For(name);
            string text = book.Render(name, proposal.Facts, moving: false);
            GroundingVerdict verdict = GroundingCheck.Check(text, proposal, text, language);
            Assert.True(verdict.Passed, $"{language} {name}: \"{text}\" failed: {verdict.Reason}");
            checkedTexts++;
        }

        foreach (string name in GroundingCases.ProposalTemplates(book))
        {
            Proposal proposal = GroundingCases.For(name);
            string text = book.Render(name, proposal.Facts, moving: true);
            GroundingVerdict verdict = GroundingCheck.Check(text, proposal, text, language, moving: true);
            Assert.True(verdict.Passed, $"{language} {name} while moving: \"{text}\" failed: {verdict.Reason}");
        }

        Assert.Equal(book.Names.Count(), checkedTexts);
        Assert.True(checkedTexts >= 20, $"only {checkedTexts} templates in suggestions.{language}.json");
    }

    [Fact]
    public void Check_RewordingThatKeepsEveryFact_Passes()
    {
        var verdict = CheckCharging("You need a charge to reach Bhf Adlershof with the 15 % reserve: stop at Ladepark Rudower Chaussee (150 kW) in 3.2 km for about 25 min.");
        Assert.True(verdict.Passed, verdict.Reason);
    }

    [Fact]
    public void Check_FactsTheTemplateDoesNotShow_MayAppear()
    {
        // soc, range and route_left are in the grounding, not in the template's text.
        var verdict = CheckCharging("At 14 % you have 41 km for 58.3 km to Bhf Adlershof. Charge at Ladepark Rudower Chaussee (150 kW) in 3.2 km, about 25 min, keeping 15 %.");
        Assert.True(verdict.Passed, verdict.Reason);
    }

    [Theory]
    [InlineData("15%", "25 min")] // no space before %
    [InlineData("15 percent", "25 minutes")] // units in words
    [InlineData("15 %", "25min")] // no space before the unit
    [InlineData("15", "25")] // no unit: the value is a fact's
    public void Check_FactsFormattedOtherwise_Pass(string reserve, string minutes)
    {
        var verdict = CheckCharging($"Not enough charge for Bhf Adlershof with the {reserve} reserve. Charge at Ladepark Rudower Chaussee (150 kW) in 3.2 km, about {minutes}?");
        Assert.True(verdict.Passed, verdict.Reason);
    }

    [Fact]
    public void Check_DistanceInMetresForAFactInKilometres_Passes()
    {
        var verdict = CheckCharging("Not enough charge for Bhf Adlershof with the 15 % reserve. Charge at Ladepark Rudower Chaussee (150 kW) in 3,200 m, about 25 min?");
        Assert.True(verdict.Passed, verdict.Reason);
    }

    [Fact]
    public void Check_PriceWithoutTrailingZeroOrWithEuroSign_Passes()
    {
        Proposal parking = GroundingCases.For("parking.best");
        string template = GroundingCases.Book("en").Render("parking.best", parking.Facts, false);
        Assert.Contains("6.00 EUR", template);
        Assert.True(GroundingCheck.Check("Park at Parkhaus Dörpfeldstraße for Bhf Adlershof: a 170 m walk, 6 EUR for 2 h.", parking, template, "en").Passed);
        var verdict = GroundingCheck.Check("Park at Parkhaus Dörpfeldstraße for Bhf Adlershof: a 170 m walk, €6.00 for 2.0 h.", parking, template, "en");
        Assert.True(verdict.Passed, verdict.Reason);
    }

    [Fact]
    public void Check_NegativeTemperature_MatchesItsFact()
    {
        Proposal cold = GroundingCases.For("comfort.demister_cold");
        string template = GroundingCases.Book("en").Render("comfort.demister_cold", cold.Facts, false);
        Assert.True(GroundingCheck.Check("The windscreen is at -2 °C. Turn on the demister?", cold, template, "en").Passed);
        Assert.Equal("number 2 °C is not a fact", GroundingCheck.Check("The windscreen is at 2 °C. Turn on the demister?", cold, template, "en").Reason);
    }

    [Fact]
    public void Check_DigitsInsideAName_AreNotNumbers()
    {
        Proposal light = GroundingCases.For("traffic_light.countdown");
        string template = GroundingCases.Book("en").Render("traffic_light.countdown", light.Facts, false);
        var verdict = GroundingCheck.Check("The light at cluster_2917_4411 turns green in 12 s.", light, template, "en");
        Assert.True(verdict.Passed, verdict.Reason);
    }

    [Theory]
    [InlineData("about 30 min?", "number 30 min is not a fact")]
    [InlineData("about 25 km?", "number 25 km is not a fact")] // the fact's value with another unit
    [InlineData("about 25.5 min?", "number 25.5 min is not a fact")]
    [InlineData("about 2,500 min?", "number 2,500 min is not a fact")]
    public void Check_ChangedNumber_FailsNamingIt(string ending, string reason)
    {
        var verdict = CheckCharging("Not enough charge for Bhf Adlershof with the 15 % reserve. Charge at Ladepark Rudower Chaussee (150 kW) in 3.2 km, " + ending);
        Assert.False(verdict.Passed);
        Assert.Equal(reason, verdict.Reason);
    }

    [Theory]
    [InlineData(" That is 42 km.", "number 42 km is not a fact")]
    [InlineData(" It has 4 points.", "number 4 is not a fact")]
    [InlineData(" Free after 13:05.", "time 13:05 is not a fact")]
    [InlineData(" Tariff A7.", "number 7 is not a fact")]
    [InlineData(" Price ５ EUR.", "number ５ EUR is not a fact")] // full-width digits are digits
    public void Check_AddedNumberOrTime_FailsNamingIt(string addition, string reason)
    {
        var verdict = CheckCharging("Not enough charge for Bhf Adlershof with the 15 % reserve. Charge at Ladepark Rudower Chaussee (150 kW) in 3.2 km, about 25 min." + addition);
        Assert.False(verdict.Passed);
        Assert.Equal(reason, verdict.Reason);
    }

    [Fact]
    public void Check_ChangedTime_Fails()
    {
        Proposal food = GroundingCases.For("food.open_until");
        string template = GroundingCases.Book("en").Render("food.open_until", food.Facts, false);
        Assert.Contains("12:15", template);
        var verdict = GroundingCheck.Check("Mittagstisch Dörpfeldstraße (german) by Bhf Adlershof is open at 12:40, until 14:30. Add it?", food, template, "en");
        Assert.Equal("time 12:40 is not a fact", verdict.Reason);
    }

    [Fact]
    public void Check_ChangedName_FailsAsMissing()
    {
        var verdict = CheckCharging("Not enough charge for Bhf Adlershof with the 15 % reserve. Charge at Ladepark Chaussee (150 kW) in 3.2 km, about 25 min?");
        Assert.False(verdict.Passed);
        Assert.Equal("missing fact charger", verdict.Reason);
    }

    [Fact]
    public void Check_ChangedNameWithANewWord_FailsNamingTheWord()
    {
        var verdict = CheckCharging("Not enough charge for Bhf Adlershof with the 15 % reserve. Charge at Ladepark Rudower Straße (150 kW) in 3.2 km, about 25 min?");
        Assert.Equal("name Straße is not a fact", verdict.Reason);
    }

    [Fact]
    public void Check_AddedName_Fails()
    {
        var verdict = CheckCharging("Not enough charge for Bhf Adlershof with the 15 % reserve. Charge at Ladepark Rudower Chaussee (150 kW) in 3.2 km, about 25 min, or at Tesla Schönefeld?");
        Assert.Equal("name Tesla is not a fact", verdict.Reason);
    }

    [Fact]
    public void Check_AddedLatinWordInChinese_Fails()
    {
        string template = GroundingCases.Book("zh-CN").Render("charging.stop", Charging.Facts, false);
        var verdict = GroundingCheck.Check(template + "您也可以在附近的 Aldi 超市停车场充电，那里很方便，也很安静。", Charging, template, "zh-CN");
        Assert.Equal("name Aldi is not a fact", verdict.Reason);
    }

    [Theory]
    [InlineData("charger_kw", "Not enough charge for Bhf Adlershof with the 15 % reserve. Charge at Ladepark Rudower Chaussee in 3.2 km, about 25 min?")]
    [InlineData("destination", "Not enough charge with the 15 % reserve. Charge at Ladepark Rudower Chaussee (150 kW) in 3.2 km, about 25 min?")]
    [InlineData("charge_min", "Not enough charge for Bhf Adlershof with the 15 % reserve. Charge at Ladepark Rudower Chaussee (150 kW) in 3.2 km?")]
    public void Check_MissingRequiredFact_FailsNamingIt(string fact, string text)
    {
        var verdict = CheckCharging(text);
        Assert.False(verdict.Passed);
        Assert.Equal("missing fact " + fact, verdict.Reason);
    }

    [Fact]
    public void Check_TextFactsAreNeverRequired()
    {
        Proposal food = GroundingCases.For("food.open");
        string template = GroundingCases.Book("en").Render("food.open", food.Facts, false);
        Assert.Contains("german", template);
        var verdict = GroundingCheck.Check("Near Bhf Adlershof, Mittagstisch Dörpfeldstraße is open when you arrive at 12:15.", food, template, "en");
        Assert.True(verdict.Passed, verdict.Reason);
    }

    [Fact]
    public void Check_ChineseForEnglish_FailsAsNotEnglish()
    {
        string chinese = GroundingCases.Book("zh-CN").Render("charging.stop", Charging.Facts, false);
        Assert.Equal("not English", CheckCharging(chinese).Reason);
    }

    [Fact]
    public void Check_EnglishForChinese_FailsAsNotChinese()
    {
        string template = GroundingCases.Book("zh-CN").Render("charging.stop", Charging.Facts, false);
        Assert.Equal("not Chinese", GroundingCheck.Check(ChargingText, Charging, template, "zh-CN").Reason);
    }

    [Fact]
    public void Check_GermanWithTheFacts_FailsAsNotEnglish()
    {
        var verdict = CheckCharging("Nicht genug Ladung für Bhf Adlershof mit 15 % Reserve. Laden Sie bei Ladepark Rudower Chaussee (150 kW) in 3.2 km, etwa 25 min?");
        Assert.Equal("not English", verdict.Reason);
    }

    [Theory]
    [InlineData("ingoutputirement_FAST Türk leveraging")] // random sub-words
    [InlineData("人人 слово ##### ⌘⌘ (((")]
    [InlineData(".,;:!?")]
    public void Check_NoiseWithoutNumbers_Fails(string noise)
    {
        Assert.False(CheckCharging(noise).Passed);
        Proposal light = GroundingCases.For("traffic_light.countdown");
        Assert.False(GroundingCheck.Check(noise, light, "Green in 12 s.", "en").Passed);
        Assert.False(GroundingCheck.Check(noise, light, "12 s 后绿灯。", "zh-CN").Passed);
    }

    [Fact]
    public void Check_EnglishWordsWithoutAnyFact_FailsAsNoFacts()
    {
        Assert.Equal("no facts at all", CheckCharging("You should stop for a charge soon, it is not far from here.").Reason);
    }

    [Fact]
    public void Check_ChineseWordsWithoutAnyFact_FailsAsNoFacts()
    {
        string template = GroundingCases.Book("zh-CN").Render("charging.stop", Charging.Facts, false);
        Assert.Equal("no facts at all", GroundingCheck.Check("电量不足，请尽快充电。", Charging, template, "zh-CN").Reason);
    }

    [Fact]
    public void Check_OverTheDrivingLimitWhileMoving_Fails()
    {
        string text = "Not enough charge for Bhf Adlershof with the 15 % reserve. Charge at Ladepark Rudower Chaussee (150 kW) in 3.2 km, about 25 min, please?";
        Assert.True(text.Length > TemplateBook.MaxCharsWhileMoving);
        Assert.True(CheckCharging(text, moving: false).Passed);
        Assert.Equal($"{text.Length} characters, more than 120", CheckCharging(text, moving: true).Reason);
        Assert.Equal("242 characters, more than 240", CheckCharging(text + new string('!', 242 - text.Length)).Reason);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  \n ")]
    public void Check_Blank_FailsAsEmpty(string text) => Assert.Equal("empty", CheckCharging(text).Reason);

    [Fact]
    public void Check_OtherLanguage_Throws() =>
        Assert.Throws<ArgumentException>(() => GroundingCheck.Check(ChargingText, Charging, ChargingText, "de"));

    [Fact]
    public void RequiredFacts_CountsTheNumbersNamesAndTimesTheTemplateShows()
    {
        var book = GroundingCases.Book("en");
        Assert.Equal(6, GroundingCheck.RequiredFacts(ChargingText, Charging)); // destination, reserve, charger, charger_kw, charger_in, charge_min
        Proposal food = GroundingCases.For("food.open");
        Assert.Equal(3, GroundingCheck.RequiredFacts(book.Render("food.open", food.Facts, false), food)); // not the cuisine
        Proposal belt = GroundingCases.For("safety.belt");
        Assert.Equal(0, GroundingCheck.RequiredFacts(book.Render("safety.belt", belt.Facts, false), belt));
        Proposal door = GroundingCases.For("safety.door");
        Assert.Equal(0, GroundingCheck.RequiredFacts(book.Render("safety.door", door.Facts, false), door));
    }
}
