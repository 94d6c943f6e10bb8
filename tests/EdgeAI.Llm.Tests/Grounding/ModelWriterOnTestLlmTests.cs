using System.Text;
using EdgeAI.Assistant.Suggestions;
using EdgeAI.Assistant.Words;
using EdgeAI.Llm.Chat;
using EdgeAI.Llm.Configuration;
using EdgeAI.Llm.Tests.Chat;

namespace EdgeAI.Llm.Tests.Grounding;

/// <summary>
/// The model writer and the grounding check on the real GenAI runtime: the random-weight test Qwen3 writes noise, which
/// must never be shown; a scripted model (GenAI, the session and the writer unchanged) writes a given answer, which is
/// shown when grounded.
/// </summary>
public sealed class ModelWriterOnTestLlmTests(TestLlm llm)
{
    /// <summary>Every proposal whose template shows a fact to check, parked and moving: the texts the writer rewords.</summary>
    private static IEnumerable<(string Template, Proposal Proposal, bool Moving, string Text)> Cases(TemplateBook book)
    {
        foreach (string name in GroundingCases.ProposalTemplates(book))
        {
            foreach (bool moving in new[] { false, true })
            {
                Proposal proposal = GroundingCases.For(name);
                // What the template writer shows: always within the driving limit (TemplateWriter).
                string text = book.Render(name, proposal.Facts, moving: true);
                if (GroundingCheck.RequiredFacts(text, proposal) > 0) yield return (name, proposal, moving, text);
            }
        }
    }

    private static LlmOptions Options(RephrasePrompt prompt, int? seed)
    {
        LlmOptions options = ModelWriter.SessionOptions(prompt);
        if (seed is { } s)
        {
            // Sampling the random model draws from all of Qwen's vocabulary: digits, units, CJK, Latin words, bytes.
            options.DoSample = true;
            options.Seed = s;
            options.Temperature = 1.0;
            options.TopP = 1.0;
            options.TopK = 5000;
        }

        return options;
    }

    [Theory]
    [InlineData("en")]
    [InlineData("zh-CN")]
    public void Write_RandomWeightModel_EverySuggestionIsReplacedByTheTemplateAndCounted(string language)
    {
        RephrasePrompt prompt = GroundingCases.Prompt(language);
        TemplateBook book = GroundingCases.Book(language);
        using var session = new LlmChatSession(llm.Model, ModelWriter.SessionOptions(prompt));
        var writer = new ModelWriter(session, new TemplateWriter(book), prompt);
        int asked = 0;
        foreach (var (name, proposal, moving, template) in Cases(book))
        {
            Assert.Equal(template, writer.Write(name, proposal, GroundingCases.Moment(moving)));
            Assert.Equal(++asked, writer.Replaced);
            Assert.False(string.IsNullOrEmpty(writer.LastReason));
        }

        Assert.True(asked >= 20, $"only {asked} suggestions");
        Assert.Equal(0, writer.Rephrased);
        Assert.Equal(0, writer.Verbatim);
    }

    [Theory]
    [InlineData("en", null)]
    [InlineData("en", 1)]
    [InlineData("en", 2)]
    [InlineData("zh-CN", null)]
    [InlineData("zh-CN", 1)]
    [InlineData("zh-CN", 2)]
    public async Task Check_RandomWeightModelText_FailsWhereverItIsCut(string language, int? seed)
    {
        // Each answer is checked whole and cut after every piece, as far as the length limit allows, so the catch never
        // rests on the length rule or on a bound of the writer. 48 tokens: past that, the cuts are over the length limit.
        RephrasePrompt prompt = GroundingCases.Prompt(language);
        TemplateBook book = GroundingCases.Book(language);
        LlmOptions options = Options(prompt, seed);
        options.MaxNewTokens = 48;
        using var session = new LlmChatSession(llm.Model, options);
        var reasons = new SortedDictionary<string, int>(StringComparer.Ordinal);
        int checkedTexts = 0;
        foreach (var (name, proposal, moving, template) in Cases(book))
        {
            session.Reset();
            var text = new StringBuilder();
            int limit = moving ? TemplateBook.MaxCharsWhileMoving : GroundingCheck.MaxCharsParked;
            await foreach (ChatEvent e in session.SendAsync(prompt.Message(template, proposal.Facts), TestContext.Current.CancellationToken))
            {
                if (e.Kind != ChatEventKind.Token) continue;
                text.Append(e.Text);
                string cut = text.ToString().Trim();
                if (cut.Length == 0 || cut.Length > limit) continue;
                GroundingVerdict verdict = GroundingCheck.Check(cut, proposal, template, language, moving);
                Assert.False(verdict.Passed, $"{name}: the random model's \"{cut}\" passed");

                // Caught twice over: in perfect words it would still lack the template's facts.
                Assert.True(GroundingCheck.RequiredFacts(cut, proposal) < GroundingCheck.RequiredFacts(template, proposal), $"{name}: \"{cut}\" shows the template's facts");
                string kind = verdict.Reason.Split(' ')[0];
                reasons[kind] = reasons.GetValueOrDefault(kind) + 1;
                checkedTexts++;
            }

            Assert.False(GroundingCheck.Check(text.ToString().Trim(), proposal, template, language, moving).Passed);
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"{checkedTexts} cuts failed: " + string.Join(", ", reasons.Select(r => $"{r.Key} {r.Value}")));
        Assert.True(checkedTexts >= 100, $"only {checkedTexts} cuts within the length limit");
    }

    private const string GroundedEnglish = "You need a charge to reach Bhf Adlershof with the 15 % reserve: stop at Ladepark Rudower Chaussee (150 kW) in 3.2 km for about 25 min.";

    [Theory]
    [InlineData("en", "charging.stop", GroundedEnglish, null)]
    [InlineData("en", "charging.stop", "You need a charge: stop at Ladepark Rudower Chaussee (150 kW) in 3.2 km for about 45 min.", "number 45 min is not a fact")]
    [InlineData("zh-CN", "glosa.band", "下一个路口请把车速保持在 38 km/h 至 46 km/h 之间。", null)]
    [InlineData("zh-CN", "glosa.band", "下一个路口请把车速保持在 40 km/h 至 46 km/h 之间。", "number 40 km/h is not a fact")]
    public void Write_ScriptedAnswerThroughGenAI_ShownOnlyWhenGrounded(string language, string templateName, string answer, string? reason)
    {
        RephrasePrompt prompt = GroundingCases.Prompt(language);
        TemplateBook book = GroundingCases.Book(language);
        Proposal proposal = GroundingCases.For(templateName);
        string template = book.Render(templateName, proposal.Facts, moving: true);
        LlmOptions options = ModelWriter.SessionOptions(prompt);
        int answerStart;
        using (var probe = new LlmChatSession(llm.Model, options))
        {
            string message = prompt.Message(template, proposal.Facts);
            answerStart = probe.Tokens.Length + llm.Encode(QwenChatTemplate.User(message)).Length + llm.Encode(QwenChatTemplate.AssistantPrompt(false)).Length;
        }

        int[] tokens = llm.Encode(answer);
        Assert.True(tokens.Length < ModelWriter.DefaultMaxNewTokens, $"the answer is {tokens.Length} tokens");
        using var scripted = new ScriptedLlm(llm.Directory, answerStart, tokens);
        using var session = new LlmChatSession(scripted.Model, options);
        // The check under test, not speed: a loaded CI machine may take longer than the product's 3 s budget.
        var writer = new ModelWriter(session, new TemplateWriter(book), prompt) { Timeout = TimeSpan.FromMinutes(1) };

        // Twice: the conversation is reset, so the second suggestion is answered at the same place.
        for (int i = 1; i <= 2; i++)
        {
            string shown = writer.Write(templateName, proposal, GroundingCases.Moment(moving: false));
            Assert.Equal(reason is null ? answer : template, shown);
            Assert.Equal(reason is null ? i : 0, writer.Rephrased);
            Assert.Equal(reason is null ? 0 : i, writer.Replaced);
            Assert.Equal(reason, writer.LastReason);
        }
    }
}
