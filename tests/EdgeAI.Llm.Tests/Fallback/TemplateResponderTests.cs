using System.Text.Json;
using System.Text.RegularExpressions;
using EdgeAI.Llm.Chat;
using EdgeAI.Llm.Fallback;
using EdgeAI.Llm.Tests.Vehicle;
using EdgeAI.Llm.Tools;
using Microsoft.Extensions.Time.Testing;

namespace EdgeAI.Llm.Tests.Fallback;

public sealed partial class TemplateResponderTests
{
    private static TemplateResponder NewResponder() =>
        new(new ToolRegistry(VehicleTools.Create(DriveFixture.Context)), time: new FakeTimeProvider());

    private static async Task<List<ChatEvent>> Collect(IChatSession session, string message, CancellationToken token = default)
    {
        var events = new List<ChatEvent>();
        await foreach (var e in session.SendAsync(message, token)) events.Add(e);
        return events;
    }

    private static string Answer(IEnumerable<ChatEvent> events) =>
        string.Concat(events.Where(e => e.Kind == ChatEventKind.Token).Select(e => e.Text));

    [Theory]
    [InlineData("How much range do I have left?", "get_range")]
    [InlineData("Is the battery charged?", "get_range")]
    [InlineData("How fast am I going?", "get_vehicle_state")]
    [InlineData("Are all doors closed?", "get_vehicle_state")]
    [InlineData("Is it cold outside?", "get_cabin_climate")]
    [InlineData("Turn on the AC? What's the temperature?", "get_cabin_climate")]
    [InlineData("Where am I?", "get_location")]
    public async Task SendAsync_Question_ToolCallResultTokensDone(string question, string tool)
    {
        using var responder = NewResponder();

        var events = await Collect(responder, question, TestContext.Current.CancellationToken);

        Assert.Equal(ChatEventKind.ToolCall, events[0].Kind);
        Assert.Equal(tool, events[0].Name);
        Assert.Equal(ChatEventKind.ToolResult, events[1].Kind);
        Assert.Equal(tool, events[1].Name);
        Assert.False(events[1].IsError);
        Assert.All(events.Skip(2).SkipLast(1), e => Assert.Equal(ChatEventKind.Token, e.Kind));
        Assert.True(events.Count > 3);
        var done = events[^1];
        Assert.Equal(ChatEventKind.Done, done.Kind);
        Assert.Equal(1, done.Metrics.ToolCalls);
        Assert.Equal(events.Count - 3, done.Metrics.NewTokens);
        Assert.False(done.Metrics.Interrupted);
        Assert.Equal(
            [ChatRole.System, ChatRole.User, ChatRole.Assistant, ChatRole.Tool, ChatRole.Assistant],
            responder.History.Select(h => h.Role));
        Assert.Contains($"\"name\": \"{events[0].Name}\"", responder.History[2].Content);
        Assert.Equal(events[1].Text, responder.History[3].Content);
        Assert.Equal(Answer(events), responder.History[4].Content);
    }

    [Fact]
    public async Task SendAsync_Range_AnswerSaysTheToolsNumbers()
    {
        using var responder = NewResponder();

        var events = await Collect(responder, "What's my range?", TestContext.Current.CancellationToken);

        using var result = JsonDocument.Parse(events[1].Text);
        string range = result.RootElement.GetProperty("range_km").GetRawText();
        string soc = result.RootElement.GetProperty("state_of_charge_percent").GetRawText();
        var numbers = NumberPattern().Matches(Answer(events)).Select(m => m.Value).ToList();
        Assert.Equal(range, numbers[0]);
        Assert.Contains(soc, numbers);
        Assert.StartsWith($"The estimated range is {range} km.", Answer(events));
    }

    [Fact]
    public async Task SendAsync_ClimateInFahrenheit_AsksToolForF()
    {
        using var responder = NewResponder();

        var events = await Collect(responder, "How warm is the cabin in fahrenheit?", TestContext.Current.CancellationToken);

        Assert.Equal("{\"unit\": \"F\"}", events[0].Arguments);
        using var result = JsonDocument.Parse(events[1].Text);
        Assert.Contains($"It is {result.RootElement.GetProperty("cabin_temperature_f").GetRawText()} °F in the cabin.", Answer(events));
    }

    [Fact]
    public async Task SendAsync_Greeting_NoToolJustTokens()
    {
        using var responder = NewResponder();

        var events = await Collect(responder, "Hello there", TestContext.Current.CancellationToken);

        Assert.All(events.SkipLast(1), e => Assert.Equal(ChatEventKind.Token, e.Kind));
        Assert.Equal("Hello! I can tell you about range, speed, climate and location.", Answer(events));
        Assert.Equal(0, events[^1].Metrics.ToolCalls);
        Assert.Equal([ChatRole.System, ChatRole.User, ChatRole.Assistant], responder.History.Select(h => h.Role));
    }

    [Fact]
    public async Task SendAsync_Unrecognised_SaysWhatItCanDo()
    {
        using var responder = NewResponder();

        var events = await Collect(responder, "Sing me a song", TestContext.Current.CancellationToken);

        Assert.Equal("I can tell you about range, speed, climate and location.", Answer(events));
    }

    [Fact]
    public async Task SendAsync_CancelledAfterTwoPieces_InterruptedAndEndsWithDone()
    {
        using var responder = NewResponder();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var events = new List<ChatEvent>();

        await foreach (var e in responder.SendAsync("What's my range?", cts.Token))
        {
            events.Add(e);
            if (events.Count(x => x.Kind == ChatEventKind.Token) == 2) cts.Cancel();
        }

        Assert.Equal(2, events.Count(e => e.Kind == ChatEventKind.Token));
        Assert.Equal(ChatEventKind.Done, events[^1].Kind);
        Assert.True(events[^1].Metrics.Interrupted);
        Assert.Equal(2, events[^1].Metrics.NewTokens);
        var last = responder.History[^1];
        Assert.Equal(ChatRole.Assistant, last.Role);
        Assert.True(last.Interrupted);
        Assert.Equal("The estimated", last.Content);
    }

    [Fact]
    public async Task SendAsync_CancelledBeforeStart_EmptyInterruptedAnswerNoTool()
    {
        using var responder = NewResponder();
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        var events = await Collect(responder, "What's my range?", cts.Token);

        var done = Assert.Single(events);
        Assert.True(done.Metrics.Interrupted);
        Assert.Equal(new ChatEntry(ChatRole.Assistant, "", Interrupted: true), responder.History[^1]);
    }

    [Fact]
    public async Task SendAsync_SameInput_SameEvents()
    {
        using var first = NewResponder();
        using var second = NewResponder();
        string[] turns = ["hi", "What's my range in miles?", "Where am I?", "Is it cold?"];

        foreach (var turn in turns)
        {
            var a = await Collect(first, turn, TestContext.Current.CancellationToken);
            var b = await Collect(second, turn, TestContext.Current.CancellationToken);
            Assert.Equal(a, b);
        }
        Assert.Equal(first.History, second.History);
    }

    [Fact]
    public async Task Reset_KeepsOnlyTheSystemPrompt()
    {
        using var responder = new TemplateResponder(new ToolRegistry(VehicleTools.Create(DriveFixture.Context)), "Be brief.", new FakeTimeProvider());
        await Collect(responder, "Where am I?", TestContext.Current.CancellationToken);

        responder.Reset();

        Assert.Equal([ChatEntry.System("Be brief.")], responder.History);
        Assert.Equal("fallback", responder.Name);
    }

    [Fact]
    public async Task SendAsync_MetricsCountWords()
    {
        using var responder = NewResponder();

        var events = await Collect(responder, "Where am I?", TestContext.Current.CancellationToken);

        var metrics = events[^1].Metrics;
        Assert.Equal(3, metrics.PromptTokens);
        Assert.Equal(Answer(events).Split(' ').Length, metrics.NewTokens);
        // Words are split at any whitespace: the recorded tool call spans lines.
        Assert.Equal(responder.History.Sum(h => h.Content.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length), metrics.ContextTokens);
    }

    [GeneratedRegex(@"-?\d+(\.\d+)?")]
    private static partial Regex NumberPattern();
}
