using System.Text.Json;
using System.Text.RegularExpressions;
using EdgeAI.Llm.Chat;
using EdgeAI.Llm.ChatClient;
using EdgeAI.Llm.Configuration;
using EdgeAI.Llm.Fallback;
using EdgeAI.Llm.Tests.Chat;
using EdgeAI.Llm.Tests.Vehicle;
using EdgeAI.Llm.Tools;
using Microsoft.Extensions.AI;
using AIChatRole = Microsoft.Extensions.AI.ChatRole;
using ChatRole = EdgeAI.Llm.Chat.ChatRole;

namespace EdgeAI.Llm.Tests.ChatClient;

/// <summary>Microsoft.Extensions.AI's IChatClient over the engine (real GenAI, test Qwen3) and over the template fallback.</summary>
public sealed partial class EdgeAIChatClientTests(TestLlm llm)
{
    private static readonly ToolRegistry Registry = new(VehicleTools.Create(DriveFixture.Context));

    private LlmChatSession NewSession(int maxNewTokens = 12) => new(llm.Model, new LlmOptions { MaxNewTokens = maxNewTokens }, Registry);

    [Fact]
    public async Task GetResponse_TextAndUsage_MatchTheSessionsOwnStreamedTurn()
    {
        using var client = new EdgeAIChatClient(NewSession(), ownsSession: true);
        using LlmChatSession reference = NewSession();

        ChatResponse response = await client.GetResponseAsync([new ChatMessage(AIChatRole.User, "How far can I drive?")], cancellationToken: TestContext.Current.CancellationToken);
        Turn turn = await Turn.Run(reference, "How far can I drive?");

        Assert.NotEmpty(turn.Text);
        Assert.Equal(turn.Text, response.Text);
        Assert.NotNull(response.Usage);
        Assert.Equal(turn.Metrics.PromptTokens, response.Usage.InputTokenCount);
        Assert.Equal(turn.Metrics.NewTokens, response.Usage.OutputTokenCount);
        Assert.Equal(turn.Metrics.PromptTokens + turn.Metrics.NewTokens, response.Usage.TotalTokenCount);
        Assert.Equal(turn.Metrics.HitTokenLimit ? ChatFinishReason.Length : ChatFinishReason.Stop, response.FinishReason);
    }

    [Fact]
    public async Task SecondCall_ContinuingTheConversation_ReusesTheKvCache()
    {
        var session = NewSession();
        using var client = new EdgeAIChatClient(session, ownsSession: true);
        var conversation = new List<ChatMessage> { new(AIChatRole.User, "What is the range?") };
        ChatResponse first = await client.GetResponseAsync(conversation, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(3, session.History.Count);

        conversation.AddRange(first.Messages);
        conversation.Add(new ChatMessage(AIChatRole.User, "And the cabin temperature?"));
        ChatResponse second = await client.GetResponseAsync(conversation, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(5, session.History.Count);
        Assert.Equal("And the cabin temperature?", session.History[3].Content);
        Assert.Equal(second.Text, session.History[4].Content);
        Assert.NotNull(second.Usage?.InputTokenCount);
        long input = second.Usage!.InputTokenCount!.Value;
        Assert.True(input * 4 < session.Tokens.Length, $"the second call prefilled {input} of {session.Tokens.Length} tokens");
        Assert.True(input < first.Usage!.InputTokenCount!.Value / 4);
    }

    [Fact]
    public async Task EditedEarlierUserMessage_RewindsToThatTurn()
    {
        var session = NewSession(6);
        using var client = new EdgeAIChatClient(session, ownsSession: true);
        var conversation = new List<ChatMessage> { new(AIChatRole.User, "one") };
        conversation.AddRange((await client.GetResponseAsync(conversation, cancellationToken: TestContext.Current.CancellationToken)).Messages);
        conversation.Add(new ChatMessage(AIChatRole.User, "two"));
        conversation.AddRange((await client.GetResponseAsync(conversation, cancellationToken: TestContext.Current.CancellationToken)).Messages);
        Assert.Equal(5, session.History.Count);
        int afterOne = Render(session, upTo: 3);

        // The caller edits "two" and asks again: the session forgets turn two and answers the edited one.
        int two = conversation.FindIndex(m => m.Role == AIChatRole.User && m.Text == "two");
        List<ChatMessage> edited = [.. conversation.Take(two), new ChatMessage(AIChatRole.User, "two, edited")];
        Assert.Equal("one", edited[0].Text);
        ChatResponse response = await client.GetResponseAsync(edited, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(5, session.History.Count);
        Assert.Equal(["one", "two, edited"], session.History.Where(e => e.Role == ChatRole.User).Select(e => e.Content));
        Assert.Equal(response.Text, session.History[4].Content);
        // Only the edited turn was prefilled: the cache was rewound, not rebuilt.
        Assert.True(response.Usage!.InputTokenCount < session.Tokens.Length - afterOne + 4);
    }

    [Fact]
    public async Task EditedFirstMessage_RewindsToTheStart()
    {
        var session = NewSession(4);
        using var client = new EdgeAIChatClient(session, ownsSession: true);
        await client.GetResponseAsync("one", cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(3, session.History.Count);

        await client.GetResponseAsync("another first message", cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(3, session.History.Count);
        Assert.Equal("another first message", session.History[1].Content);
    }

    [Fact]
    public async Task UnknownEarlierUserMessages_AreNotSupported()
    {
        var session = NewSession(4);
        using var client = new EdgeAIChatClient(session, ownsSession: true);
        List<ChatMessage> foreign =
        [
            new(AIChatRole.User, "a conversation this session never had"),
            new(AIChatRole.Assistant, "indeed"),
            new(AIChatRole.User, "go on"),
        ];

        var e = await Assert.ThrowsAsync<NotSupportedException>(() => client.GetResponseAsync(foreign, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains("user message 1", e.Message);
        Assert.Single(session.History);
    }

    [Fact]
    public async Task RequireSpecificTool_GivesTheCallAndItsResult()
    {
        using var client = new EdgeAIChatClient(NewSession(4), ownsSession: true);
        var options = new ChatOptions { ToolMode = ChatToolMode.RequireSpecific("get_range") };

        ChatResponse response = await client.GetResponseAsync([new ChatMessage(AIChatRole.User, "hello")], options, TestContext.Current.CancellationToken);

        List<AIContent> contents = response.Messages.SelectMany(m => m.Contents).ToList();
        FunctionCallContent call = Assert.Single(contents.OfType<FunctionCallContent>());
        Assert.Equal("get_range", call.Name);
        Assert.True(call.InformationalOnly);
        FunctionResultContent result = Assert.Single(contents.OfType<FunctionResultContent>());
        Assert.Equal(call.CallId, result.CallId);
        string expected = Registry.Execute(new ParsedToolCall("get_range", JsonSerializer.Serialize(call.Arguments))).ResultJson;
        Assert.Equal(expected, result.Result);
        Assert.Contains(response.Messages, m => m.Role == AIChatRole.Tool);
    }

    [Fact]
    public void Metadata_NamesTheProviderAndTheModel()
    {
        using var client = new EdgeAIChatClient(NewSession(4), ownsSession: true);
        var metadata = Assert.IsType<ChatClientMetadata>(client.GetService(typeof(ChatClientMetadata)));
        Assert.Equal("EdgeAI", metadata.ProviderName);
        Assert.Equal(Path.GetFileName(llm.Directory), metadata.DefaultModelId);
        Assert.Same(client.Session, client.GetService(typeof(LlmChatSession)));
        Assert.Same(client, client.GetService(typeof(IChatClient)));
        Assert.Null(client.GetService(typeof(ChatClientMetadata), serviceKey: "other"));
    }

    [Fact]
    public async Task OverTemplateResponder_AnswersARangeQuestionWithTheToolsNumber()
    {
        using var client = new EdgeAIChatClient(new TemplateResponder(Registry), ownsSession: true);

        ChatResponse response = await client.GetResponseAsync("How far can I drive?", cancellationToken: TestContext.Current.CancellationToken);

        FunctionCallContent call = Assert.Single(response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        Assert.Equal("get_range", call.Name);
        using JsonDocument range = JsonDocument.Parse(Registry.Execute(new ParsedToolCall("get_range", "{}")).ResultJson);
        double km = range.RootElement.GetProperty("range_km").GetDouble();
        Assert.Contains(Numbers().Matches(response.Text), m => Math.Abs(double.Parse(m.Value, System.Globalization.CultureInfo.InvariantCulture) - km) < 1);
    }

    // Tokens of the rendering up to (not including) History[upTo].
    private int Render(LlmChatSession session, int upTo)
    {
        int count = 0;
        for (int i = 0; i < upTo; i++)
        {
            ChatEntry e = session.History[i];
            string text = e.Role switch
            {
                ChatRole.System => QwenChatTemplate.System(e.Content, Registry.Declarations),
                ChatRole.User => QwenChatTemplate.User(e.Content),
                ChatRole.Assistant => QwenChatTemplate.Assistant(e.Content, false),
                _ => throw new InvalidOperationException("no tool turns expected"),
            };
            using var sequences = llm.Model.Tokenizer.Encode(text);
            count += sequences[0].Length;
        }

        return count;
    }

    [GeneratedRegex(@"\d+(\.\d+)?")]
    private static partial Regex Numbers();
}
