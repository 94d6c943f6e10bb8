using System.Text;
using EdgeAI.Llm.Chat;
using EdgeAI.Llm.Configuration;
using Microsoft.ML.OnnxRuntimeGenAI;

namespace EdgeAI.Llm.Tests.Chat;

/// <summary>The engine on the real GenAI runtime with the test Qwen3: streaming, KV reuse, rewind, budget, barge-in.</summary>
public sealed class LlmChatSessionTests(TestLlm llm)
{
    private static LlmOptions Greedy(int maxNewTokens = 16) => new() { MaxNewTokens = maxNewTokens };

    [Fact]
    public async Task Send_StreamsTokensThenOneDone_TextIsTheDecodedAnswer()
    {
        using var session = new LlmChatSession(llm.Model, Greedy());
        int answerStart = session.Tokens.Length + llm.Encode(QwenChatTemplate.User("How far can I drive?") + QwenChatTemplate.AssistantPrompt(false)).Length;
        Turn turn = await Turn.Run(session, "How far can I drive?");

        Assert.NotEmpty(turn.Tokens);
        Assert.InRange(turn.Metrics.NewTokens, 1, 16);
        ChatEntry answer = session.History[^1];
        Assert.Equal(ChatRole.Assistant, answer.Role);
        Assert.Equal(turn.Text, answer.Content);

        // The streamed text is exactly the generated tokens decoded at once (bar the end-of-answer token).
        int[] generated = session.Tokens.Slice(answerStart, turn.Metrics.NewTokens).ToArray().Where(t => t != 151645).ToArray();
        Assert.Equal(llm.Model.Tokenizer.Decode(generated), turn.Text);
    }

    [Fact]
    public async Task Send_RandomTokens_EveryPieceIsWholeUtf8AndSomeWereHeldBack()
    {
        // Sampling the random model draws tokens from all of Qwen's vocabulary: CJK, emoji and byte fragments.
        var options = new LlmOptions { MaxNewTokens = 120, DoSample = true, Seed = 11, Temperature = 1.0, TopP = 1.0, TopK = 5000 };
        using var session = new LlmChatSession(llm.Model, options);
        int answerStart = session.Tokens.Length + llm.Encode(QwenChatTemplate.User("你好，给我讲个故事 🚗") + QwenChatTemplate.AssistantPrompt(false)).Length;
        Turn turn = await Turn.Run(session, "你好，给我讲个故事 🚗");

        foreach (ChatEvent piece in turn.Tokens)
        {
            Assert.DoesNotContain('\uFFFD', piece.Text);
            Assert.True(IsWellFormed(piece.Text), $"piece {Escape(piece.Text)} splits a character");
        }

        Assert.True(turn.Tokens.Count() < turn.Metrics.NewTokens, "no token was a partial UTF-8 sequence: the test did not exercise holding bytes back");
        Assert.Contains(turn.Text.EnumerateRunes(), r => r.Utf8SequenceLength > 1);
        int[] generated = session.Tokens.Slice(answerStart, turn.Metrics.NewTokens).ToArray().Where(t => t != 151645).ToArray();

        // Up to the first byte sequence random tokens make invalid (a whole decode shows U+FFFD there; the stream drops
        // those bytes rather than emit a broken character), the stream is the whole-answer decode. GenAI returns C
        // strings, so a whole decode also stops at the NUL byte token (188).
        int nul = Array.IndexOf(generated, 188);
        string decoded = llm.Model.Tokenizer.Decode(nul < 0 ? generated : generated[..nul]);
        int valid = decoded.IndexOf('\uFFFD', StringComparison.Ordinal) is >= 0 and int bad ? bad - 1 : decoded.Length;
        Assert.True(valid > 40, "too little valid text to compare");
        Assert.Equal(decoded[..valid], turn.Text[..valid]);
    }

    [Fact]
    public async Task Sampling_SameSeedSameAnswer_OtherSeedAnotherOne()
    {
        static LlmOptions Sampled(int seed) => new() { MaxNewTokens = 24, DoSample = true, Temperature = 1.0, TopK = 50, TopP = 0.95, Seed = seed };
        using var first = new LlmChatSession(llm.Model, Sampled(3));
        using var again = new LlmChatSession(llm.Model, Sampled(3));
        using var other = new LlmChatSession(llm.Model, Sampled(4));

        string a = (await Turn.Run(first, "Tell me a joke")).Text;
        string b = (await Turn.Run(again, "Tell me a joke")).Text;
        string c = (await Turn.Run(other, "Tell me a joke")).Text;

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public async Task SecondTurn_PrefillsOnlyItsOwnTokens_AndContinuesAsAFreshPrefillWould()
    {
        using var session = new LlmChatSession(llm.Model, Greedy());
        Turn first = await Turn.Run(session, "What is the range?");
        int systemAndFirst = first.Metrics.PromptTokens;
        int before = session.Tokens.Length;
        Turn second = await Turn.Run(session, "And the cabin temperature?");

        int userAndPrompt = llm.Encode(QwenChatTemplate.User("And the cabin temperature?") + QwenChatTemplate.AssistantPrompt(false)).Length;
        // New turn + the previous answer's closing, plus at most the two tokens GenAI 0.18 needs fed again.
        Assert.InRange(second.Metrics.PromptTokens, userAndPrompt, userAndPrompt + 2 + 2);
        Assert.True(second.Metrics.PromptTokens < before, "the second turn prefilled the whole conversation");
        Assert.True(systemAndFirst > userAndPrompt);
        TestLlm.AssertGeneratorHoldsHistory(session);

        // The reused KV cache is right: a fresh generator fed the whole rendering picks the same next tokens.
        int[] all = session.Tokens.ToArray();
        int[] next = llm.Encode(QwenChatTemplate.User("next") + QwenChatTemplate.AssistantPrompt(false));
        Turn third = await Turn.Run(session, "next");
        int[] continued = session.Tokens[(all.Length + next.Length)..].ToArray()[..4];
        Assert.Equal(llm.FreshGreedy([.. all, .. next], 4), continued);
        Assert.Equal(0, third.Metrics.ReprefilledTokens);
    }

    [Fact]
    public async Task Cancel_StopsBeforeTheNextToken_KeepsPartialAnswerMarkedInterrupted()
    {
        using var session = new LlmChatSession(llm.Model, Greedy(40));
        Turn turn = await Turn.Run(session, "Tell me about the car", cancelAfterTokens: 3);

        Assert.Equal(3, turn.Tokens.Count());
        Assert.True(turn.Metrics.Interrupted);
        ChatEntry answer = session.History[^1];
        Assert.True(answer.Interrupted);
        Assert.Equal(turn.Text, answer.Content);
        TestLlm.AssertGeneratorHoldsHistory(session);

        // The conversation goes on from the cache after barge-in.
        Turn next = await Turn.Run(session, "Stop. Where are we?");
        Assert.False(next.Metrics.Interrupted);
        Assert.True(next.Metrics.PromptTokens < session.Tokens.Length / 2);
        TestLlm.AssertGeneratorHoldsHistory(session);
    }

    [Fact]
    public async Task RewindTo_ForgetsTheTurn_AndGreedyAnswersTheSameAgain()
    {
        using var session = new LlmChatSession(llm.Model, Greedy());
        await Turn.Run(session, "Hello");
        int secondTurn = session.History.Count;
        int lengthBefore = session.Tokens.Length;
        Turn original = await Turn.Run(session, "Is the battery warm?");
        await Turn.Run(session, "Thanks");

        session.RewindTo(secondTurn);

        Assert.Equal(secondTurn, session.History.Count);
        Assert.Equal(lengthBefore, session.Tokens.Length);
        TestLlm.AssertGeneratorHoldsHistory(session);
        Turn again = await Turn.Run(session, "Is the battery warm?");
        Assert.Equal(original.Text, again.Text);
        Assert.Throws<ArgumentOutOfRangeException>(() => session.RewindTo(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => session.RewindTo(session.History.Count - 1));
    }

    [Fact]
    public async Task Budget_SetsMaxLength_AndDropsOldestTurnsKeepingTheSystemPrompt()
    {
        // 512 B per token for the test model (2 × 2 layers × 2 kv heads × 16 × fp32): 0.15 MiB holds 307 tokens.
        var options = new LlmOptions { MaxNewTokens = 24, KvBudgetMiB = 0.15, SystemPrompt = "You are a test." };
        using var session = new LlmChatSession(llm.Model, options);
        Assert.Equal(512, llm.Model.Info.KvBytesPerToken);
        Assert.Equal((int)(0.15 * 1024 * 1024 / 512), session.MaxLength);

        var dropped = 0;
        var reprefilled = 0;
        for (int i = 0; i < 12; i++)
        {
            Turn turn = await Turn.Run(session, $"Message number {i}: tell me something about the drive so far, please.");
            dropped += turn.Metrics.DroppedTurns;
            reprefilled += turn.Metrics.ReprefilledTokens;
            Assert.True(session.KvTokens <= session.MaxLength, $"turn {i}: {session.KvTokens} tokens over max_length {session.MaxLength}");
            Assert.Equal(ChatRole.System, session.History[0].Role);
            Assert.Equal("You are a test.", session.History[0].Content);
            TestLlm.AssertGeneratorHoldsHistory(session);
        }

        Assert.True(dropped > 0, "no turn was dropped: the budget was never reached");
        Assert.True(reprefilled > 0);
        Assert.Contains("Message number 11", session.History[^2].Content);
        Assert.DoesNotContain(session.History, e => e.Content.Contains("Message number 0:", StringComparison.Ordinal));
    }

    [Fact]
    public void Budget_TooSmallForOneAnswer_IsRefusedNamingTheSetting()
    {
        var options = new LlmOptions { MaxNewTokens = 256, KvBudgetMiB = 0.1 };
        var e = Assert.Throws<InvalidDataException>(() => new LlmChatSession(llm.Model, options));
        Assert.Contains("KvBudgetMiB", e.Message);
    }

    [Fact]
    public async Task ThinkingOff_PromptCarriesTheEmptyThinkBlock_ThinkingOnDoesNot()
    {
        using var off = new LlmChatSession(llm.Model, Greedy(4));
        await Turn.Run(off, "hi");
        using var on = new LlmChatSession(llm.Model, new LlmOptions { MaxNewTokens = 4, Thinking = true });
        int onPromptEnd = on.Tokens.Length + llm.Encode(QwenChatTemplate.User("hi") + QwenChatTemplate.AssistantPrompt(true)).Length;
        await Turn.Run(on, "hi");

        int[] emptyThink = llm.Encode("<|im_start|>assistant\n<think>\n\n</think>\n\n");
        Assert.Equal(7, emptyThink.Length);
        Assert.True(Contains(off.Tokens.ToArray(), emptyThink), "no empty think block after the assistant header");
        int[] onPrompt = on.Tokens[..onPromptEnd].ToArray();
        Assert.DoesNotContain(151667, onPrompt);
        Assert.Equal(emptyThink[..3], onPrompt[^3..]);
    }

    [Fact]
    public async Task Reset_KeepsOnlyTheSystemPrompt_AndItsCache()
    {
        using var session = new LlmChatSession(llm.Model, Greedy(8));
        int system = session.Tokens.Length;
        await Turn.Run(session, "one");
        await Turn.Run(session, "two");
        session.Reset();

        Assert.Single(session.History);
        Assert.Equal(system, session.Tokens.Length);
        Turn after = await Turn.Run(session, "three");
        int userAndPrompt = llm.Encode(QwenChatTemplate.User("three") + QwenChatTemplate.AssistantPrompt(false)).Length;
        Assert.InRange(after.Metrics.PromptTokens, userAndPrompt, userAndPrompt + 2);
    }




    private static bool Contains(int[] sequence, int[] part) =>
        Enumerable.Range(0, sequence.Length - part.Length + 1).Any(i => sequence.AsSpan(i, part.Length).SequenceEqual(part));

    private static bool IsWellFormed(string text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]))
            {
                if (i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1])) return false;
                i++;
            }
            else if (char.IsLowSurrogate(text[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static string Escape(string text) => string.Concat(text.Select(c => $"\\u{(int)c:X4}"));
}
