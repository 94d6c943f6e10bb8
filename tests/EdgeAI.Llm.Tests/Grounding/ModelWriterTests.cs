using EdgeAI.Assistant.Suggestions;
using EdgeAI.Assistant.Words;
using EdgeAI.Llm.Configuration;
using Microsoft.Extensions.Time.Testing;

namespace EdgeAI.Llm.Tests.Grounding;

/// <summary>The model writer around a scripted session: what is shown, what is counted, and the bounds on an answer.</summary>
public sealed class ModelWriterTests
{
    private const string Grounded = "You need a charge to reach Bhf Adlershof with the 15 % reserve: stop at Ladepark Rudower Chaussee (150 kW) in 3.2 km for about 25 min.";

    private static readonly Proposal Charging = GroundingCases.For("charging.stop");

    private static (ModelWriter Writer, FakeChatSession Session) Writer(Func<string, IEnumerable<string>> answer, Action<int>? afterPiece = null, TimeProvider? time = null)
    {
        RephrasePrompt prompt = GroundingCases.Prompt("en");
        var session = new FakeChatSession(prompt.System, answer) { AfterPiece = afterPiece };
        return (new ModelWriter(session, new TemplateWriter(GroundingCases.Book("en")), prompt, time), session);
    }

    // What the template writer shows, parked or moving: always within the driving limit (TemplateWriter), so the short twin.
    private static string Template(bool moving = false) => GroundingCases.Book("en").Render("charging.stop", Charging.Facts, moving: true);

    private static IEnumerable<string> Words(string text) => text.Split(' ').Select((w, i) => i == 0 ? w : " " + w);

    [Fact]
    public void Write_GroundedAnswer_IsShownAndCountedRephrased()
    {
        var (writer, _) = Writer(_ => Words(Grounded));
        Assert.Equal(Grounded, writer.Write("charging", Charging, GroundingCases.Moment(moving: false)));
        Assert.Equal(1, writer.Rephrased);
        Assert.Equal(0, writer.Replaced);
        Assert.Null(writer.LastReason);
    }

    [Fact]
    public void Write_AnswerInQuotes_IsShownWithoutThem()
    {
        var (writer, _) = Writer(_ => Words("  “" + Grounded + "”\n"));
        Assert.Equal(Grounded, writer.Write("charging", Charging, GroundingCases.Moment(moving: false)));
    }

    [Fact]
    public void Write_AnswerWithAChangedNumber_ShowsTheTemplateAndCountsTheReplacement()
    {
        var (writer, _) = Writer(_ => Words(Grounded.Replace("25 min", "20 min", StringComparison.Ordinal)));
        Assert.Equal(Template(), writer.Write("charging", Charging, GroundingCases.Moment(moving: false)));
        Assert.Equal(0, writer.Rephrased);
        Assert.Equal(1, writer.Replaced);
        Assert.Equal("number 20 min is not a fact", writer.LastReason);
    }

    [Fact]
    public void Write_WhileMoving_ChecksTheShortTemplatesFactsAndTheDrivingLimit()
    {
        string shortTemplate = Template(moving: true);
        Assert.Equal("Charge at Ladepark Rudower Chaussee in 3.2 km, about 25 min?", shortTemplate);
        var (writer, session) = Writer(_ => Words("Stop at Ladepark Rudower Chaussee in 3.2 km to charge for about 25 min."));
        Assert.Equal("Stop at Ladepark Rudower Chaussee in 3.2 km to charge for about 25 min.", writer.Write("charging", Charging, GroundingCases.Moment(moving: true)));
        Assert.EndsWith("Text: " + shortTemplate, session.Messages[0], StringComparison.Ordinal);

        // Grounded, but past 120 characters: stopped as soon as the text is too long, and replaced.
        string tooLong = Grounded + " Then drive on to Bhf Adlershof, please.";
        var (longWriter, longSession) = Writer(_ => Words(tooLong));
        Assert.Equal(shortTemplate, longWriter.Write("charging", Charging, GroundingCases.Moment(moving: true)));
        Assert.Equal("more than 120 characters", longWriter.LastReason);
        Assert.True(longSession.Pieces < Words(tooLong).Count(), $"all {longSession.Pieces} pieces were read");
    }

    [Fact]
    public void Write_TemplateWithoutCheckableFacts_IsNotReworded()
    {
        var (writer, session) = Writer(_ => Words("Buckle up, please."));
        Proposal belt = GroundingCases.For("safety.belt");
        Assert.Equal("Your seat belt is not fastened.", writer.Write("safety.belt", belt, GroundingCases.Moment(moving: true)));
        Assert.Empty(session.Messages);
        Assert.Equal(1, writer.Verbatim);
        Assert.Equal(0, writer.Rephrased + writer.Replaced);
    }

    [Fact]
    public void Write_EachSuggestion_ResetsTheConversationAndSendsEveryFactWithTheTemplate()
    {
        var (writer, session) = Writer(_ => Words(Grounded));
        var moment = GroundingCases.Moment(moving: false);
        writer.Write("charging", Charging, moment);
        writer.Write("charging", Charging, moment);
        Assert.Equal(2, session.Resets);
        Assert.Equal(3, session.History.Count); // system, one user message, one answer
        string message = session.Messages[1];
        foreach (Fact fact in Charging.Facts) Assert.Contains($"- {fact.Name}: {fact.Shown}\n", message, StringComparison.Ordinal);
        Assert.EndsWith("Text: " + Template(), message, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_AnswerPastTheTokenBudget_IsStoppedAndReplaced()
    {
        var (writer, session) = Writer(_ => Enumerable.Repeat("la", 500));
        Assert.Equal(Template(), writer.Write("charging", Charging, GroundingCases.Moment(moving: false)));
        Assert.Equal($"more than {ModelWriter.DefaultMaxNewTokens} tokens", writer.LastReason);
        Assert.Equal(ModelWriter.DefaultMaxNewTokens + 1, session.Pieces);
    }

    [Fact]
    public void Write_SlowAnswer_IsStoppedAtTheTimeoutAndReplaced()
    {
        var clock = new FakeTimeProvider();
        var (writer, session) = Writer(_ => Words(Grounded), afterPiece: _ => clock.Advance(TimeSpan.FromSeconds(1)), time: clock);
        Assert.Equal(Template(), writer.Write("charging", Charging, GroundingCases.Moment(moving: false)));
        Assert.Equal("no answer within 3000 ms", writer.LastReason);
        Assert.Equal(3, session.Pieces);
    }

    [Fact]
    public void Write_FailingModel_IsReplacedWithTheReason()
    {
        var (writer, _) = Writer(_ => Words(Grounded), afterPiece: n => throw new InvalidOperationException("the generator broke"));
        Assert.Equal(Template(), writer.Write("charging", Charging, GroundingCases.Moment(moving: false)));
        Assert.Equal(1, writer.Replaced);
        Assert.Equal("the model failed: InvalidOperationException: the generator broke", writer.LastReason);
    }

    [Fact]
    public void Constructor_SessionWithAnotherSystemPrompt_Throws()
    {
        var session = new FakeChatSession("You are EdgeAI, the assistant in this car.", _ => []);
        var e = Assert.Throws<ArgumentException>(() => new ModelWriter(session, new TemplateWriter(GroundingCases.Book("en")), GroundingCases.Prompt("en")));
        Assert.Contains("rephrase.en.txt", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_PromptInAnotherLanguageThanTheTemplates_Throws()
    {
        RephrasePrompt zh = GroundingCases.Prompt("zh-CN");
        var session = new FakeChatSession(zh.System, _ => []);
        Assert.Throws<ArgumentException>(() => new ModelWriter(session, new TemplateWriter(GroundingCases.Book("en")), zh));
    }

    [Fact]
    public void SessionOptions_CarryThePromptAndTheBudget()
    {
        RephrasePrompt prompt = GroundingCases.Prompt("zh-CN");
        var options = ModelWriter.SessionOptions(prompt, new LlmOptions { Model = "/models/qwen3", KvBudgetMiB = 96 });
        Assert.Equal(prompt.System, options.SystemPrompt);
        Assert.Equal(ModelWriter.DefaultMaxNewTokens, options.MaxNewTokens);
        Assert.False(options.DoSample);
        Assert.False(options.Thinking);
        Assert.Equal("/models/qwen3", options.Model);
        Assert.Equal(96, options.KvBudgetMiB);
    }
}
