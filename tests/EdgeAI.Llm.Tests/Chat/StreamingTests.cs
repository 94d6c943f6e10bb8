using EdgeAI.Llm.Chat;
using EdgeAI.Llm.Configuration;
using Microsoft.ML.OnnxRuntimeGenAI;

namespace EdgeAI.Llm.Tests.Chat;

/// <summary>
/// The generation runs on its own task and streams through a bounded channel: a slow reader loses nothing, a reader
/// that stops holds the model at the bound, a barge-in from any thread stops the model within one token and the
/// history keeps exactly what the reader was given. On the real GenAI runtime with the test Qwen3.
/// </summary>
public sealed class StreamingTests(TestLlm llm)
{
    private const string Prompt = "Tell me about the car";

    private static LlmOptions Options(int maxNewTokens, int buffer = 64) => new() { MaxNewTokens = maxNewTokens, StreamBuffer = buffer };

    [Fact]
    public async Task SlowReader_GetsEveryEventInOrder_SameAsAFastReader()
    {
        using var fast = new LlmChatSession(llm.Model, Options(48));
        using var slow = new LlmChatSession(llm.Model, Options(48, buffer: 4));
        Turn quick = await Turn.Run(fast, Prompt);

        var events = new List<ChatEvent>();
        await foreach (ChatEvent e in slow.SendAsync(Prompt, TestContext.Current.CancellationToken))
        {
            events.Add(e);
            await Task.Delay(5, TestContext.Current.CancellationToken);
        }

        Assert.True(quick.Tokens.Count() > 8, "too short an answer to fill a buffer of 4");
        Assert.Equal(quick.Events.Select(e => (e.Kind, e.Text)), events.Select(e => (e.Kind, e.Text)));
        Assert.Equal(ChatEventKind.Done, events[^1].Kind);
        Assert.Equal(quick.Metrics.NewTokens, events[^1].Metrics.NewTokens);
        Assert.False(events[^1].Metrics.Interrupted);
        Assert.Equal(events.Count, slow.StreamedEvents);
        Assert.Equal(quick.Text, slow.History[^1].Content);
        Assert.Equal(fast.Tokens.ToArray(), slow.Tokens.ToArray());
    }

    [Fact]
    public async Task ReaderThatStopsReading_ModelFillsTheBoundThenWaits_NothingDropped()
    {
        const int buffer = 4;
        using var session = new LlmChatSession(llm.Model, Options(64, buffer));
        await using IAsyncEnumerator<ChatEvent> events = session.SendAsync(Prompt, TestContext.Current.CancellationToken).GetAsyncEnumerator(TestContext.Current.CancellationToken);
        Assert.True(await events.MoveNextAsync());
        var received = new List<ChatEvent> { events.Current };

        // The reader holds on to its first event; the model goes on without it until the channel is full.
        await WaitUntil(() => session.BufferedEvents == buffer, "the channel never filled while the reader waited");
        await Task.Delay(200, TestContext.Current.CancellationToken);
        long generated = session.GeneratedTokens;
        await Task.Delay(200, TestContext.Current.CancellationToken);

        // Held at the bound: nothing more written (nor dropped), and the model stopped, its next piece waiting to go in.
        Assert.Equal(buffer, session.BufferedEvents);
        Assert.Equal(1 + buffer, session.StreamedEvents);
        Assert.Equal(generated, session.GeneratedTokens);
        Assert.True(generated > 1 + buffer, $"{generated} tokens generated for {1 + buffer} events: the model did not go on to the next one");

        while (await events.MoveNextAsync())
        {
            received.Add(events.Current);
        }

        Assert.Equal(ChatEventKind.Done, received[^1].Kind);
        Assert.False(received[^1].Metrics.Interrupted);
        Assert.Equal(received.Count, session.StreamedEvents);
        Assert.Equal(string.Concat(received.Where(e => e.Kind == ChatEventKind.Token).Select(e => e.Text)), session.History[^1].Content);
    }

    [Fact]
    public async Task BargeInFromAnotherThread_WhileTheModelIsMidToken_StopsWithinOneToken()
    {
        using var session = new LlmChatSession(llm.Model, Options(200));
        using var bargeIn = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        long atCancel = -1;
        Task ui = Task.Run(
            async () =>
            {
                await WaitUntil(() => session.GeneratedTokens >= 5, "the model never got to its fifth token");
                await bargeIn.CancelAsync();
                atCancel = session.GeneratedTokens;
            },
            TestContext.Current.CancellationToken);

        var events = new List<ChatEvent>();
        await foreach (ChatEvent e in session.SendAsync(Prompt, bargeIn.Token))
        {
            events.Add(e);
        }

        await ui;
        Assert.InRange(session.GeneratedTokens, atCancel, atCancel + 1);
        Assert.Equal(ChatEventKind.Done, events[^1].Kind);
        Assert.True(events[^1].Metrics.Interrupted);
        Assert.InRange(events[^1].Metrics.NewTokens, 0, atCancel + 1);
        ChatEntry answer = session.History[^1];
        Assert.True(answer.Interrupted);
        Assert.Equal(string.Concat(events.Where(e => e.Kind == ChatEventKind.Token).Select(e => e.Text)), answer.Content);
        TestLlm.AssertGeneratorHoldsHistory(session);
    }

    [Fact]
    public async Task SlowReaderBargesIn_HistoryKeepsOnlyWhatItWasGiven_AndTheCacheContinuesAsAFreshPrefill()
    {
        using var session = new LlmChatSession(llm.Model, Options(64, buffer: 8));
        using var bargeIn = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var events = new List<ChatEvent>();
        int tokens = 0;
        long generatedAtCancel = 0;
        await foreach (ChatEvent e in session.SendAsync(Prompt, bargeIn.Token))
        {
            events.Add(e);
            if (e.Kind == ChatEventKind.Token && ++tokens == 3)
            {
                // Let the model run ahead of this reader first: what it made beyond the third piece is never shown.
                await WaitUntil(() => session.BufferedEvents >= 3, "the model did not run ahead of the reader");
                generatedAtCancel = session.GeneratedTokens;
                await bargeIn.CancelAsync();
            }
        }

        Assert.Equal(3, events.Count(e => e.Kind == ChatEventKind.Token));
        Assert.Equal(ChatEventKind.Done, events[^1].Kind);
        TurnMetrics metrics = events[^1].Metrics;
        Assert.True(metrics.Interrupted);
        Assert.True(metrics.NewTokens < generatedAtCancel, $"{metrics.NewTokens} tokens kept of {generatedAtCancel} generated: nothing was cut");
        ChatEntry answer = session.History[^1];
        Assert.True(answer.Interrupted);
        Assert.Equal(string.Concat(events.Where(e => e.Kind == ChatEventKind.Token).Select(e => e.Text)), answer.Content);
        TestLlm.AssertGeneratorHoldsHistory(session);

        // The cache was rewound over the cut tokens: the next answer is what a fresh prefill of the history gives.
        int[] all = session.Tokens.ToArray();
        int[] next = llm.Encode(QwenChatTemplate.User("next") + QwenChatTemplate.AssistantPrompt(false));
        Turn after = await Turn.Run(session, "next");
        Assert.False(after.Metrics.Interrupted);
        int[] continued = session.Tokens[(all.Length + next.Length)..].ToArray()[..4];
        Assert.Equal(llm.FreshGreedy([.. all, .. next], 4), continued);
    }

    [Fact]
    public async Task LeavingTheStreamEarly_IsABargeIn_AndTheSessionIsFreeOnceDisposed()
    {
        using var session = new LlmChatSession(llm.Model, Options(64, buffer: 4));
        var pieces = new List<string>();
        await foreach (ChatEvent e in session.SendAsync(Prompt, TestContext.Current.CancellationToken))
        {
            if (e.Kind == ChatEventKind.Token)
            {
                pieces.Add(e.Text);
                if (pieces.Count == 2)
                {
                    break;
                }
            }
        }

        ChatEntry answer = session.History[^1];
        Assert.Equal(ChatRole.Assistant, answer.Role);
        Assert.True(answer.Interrupted);
        Assert.Equal(string.Concat(pieces), answer.Content);
        TestLlm.AssertGeneratorHoldsHistory(session);

        Turn next = await Turn.Run(session, "Where are we?");
        Assert.False(next.Metrics.Interrupted);
        TestLlm.AssertGeneratorHoldsHistory(session);
    }

    [Fact]
    public async Task SecondSendWhileATurnStreams_IsRefused_AndTheFirstGoesOn()
    {
        using var session = new LlmChatSession(llm.Model, Options(24));
        await using IAsyncEnumerator<ChatEvent> first = session.SendAsync(Prompt, TestContext.Current.CancellationToken).GetAsyncEnumerator(TestContext.Current.CancellationToken);
        Assert.True(await first.MoveNextAsync());
        var events = new List<ChatEvent> { first.Current };

        await using (IAsyncEnumerator<ChatEvent> second = session.SendAsync("Another question", TestContext.Current.CancellationToken).GetAsyncEnumerator(TestContext.Current.CancellationToken))
        {
            var e = await Assert.ThrowsAsync<InvalidOperationException>(async () => await second.MoveNextAsync());
            Assert.Contains("already streaming", e.Message);
        }

        Assert.Throws<InvalidOperationException>(() => session.RewindTo(1));
        while (await first.MoveNextAsync())
        {
            events.Add(first.Current);
        }

        Assert.Equal(ChatEventKind.Done, events[^1].Kind);
        Assert.False(events[^1].Metrics.Interrupted);
        Assert.Equal([ChatRole.System, ChatRole.User, ChatRole.Assistant], session.History.Select(h => h.Role));
        Assert.Equal(Prompt, session.History[1].Content);
    }

    [Fact]
    public void StreamBuffer_BelowOne_IsRefusedNamingTheSetting()
    {
        var e = Assert.Throws<InvalidDataException>(() => new LlmChatSession(llm.Model, Options(8, buffer: 0)));
        Assert.Contains("StreamBuffer", e.Message);
    }

    private static async Task WaitUntil(Func<bool> condition, string what)
    {
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        patience.CancelAfter(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            Assert.False(patience.IsCancellationRequested, what);
            await Task.Delay(1, TestContext.Current.CancellationToken);
        }
    }



}
