using EdgeAI.Llm.Chat;
using EdgeAI.Llm.Configuration;

namespace EdgeAI.Llm.Tests.Chat;

/// <summary>
/// What streaming allocates per token. The session generates on a task of its own and the reader resumes on pool
/// threads, so the count is of every thread (GC.GetTotalAllocatedBytes), with no other test running.
/// </summary>
[Collection(nameof(AllocationCounting))]
public sealed class StreamingAllocationTests(TestLlm llm)
{
    [Fact]
    public async Task Streaming_AllocatesOnlyTheDecodedPiecesPerToken()
    {
        var options = new LlmOptions { MaxNewTokens = 200 };
        using var shortSession = new LlmChatSession(llm.Model, new LlmOptions { MaxNewTokens = 20 });
        using var longSession = new LlmChatSession(llm.Model, options);
        await Turn.Run(shortSession, "warm up");
        await Turn.Run(longSession, "warm up");

        (long shortBytes, int shortTokens, int shortChars) = await Measure(shortSession);
        (long longBytes, int longTokens, int longChars) = await Measure(longSession);

        // Each extra token may cost its piece: GenAI's UTF-8 to string conversion (a string and its byte buffer).
        double perToken = (double)(longBytes - shortBytes) / (longTokens - shortTokens);
        double piecePerToken = 2.0 * (longChars - shortChars) / (longTokens - shortTokens);
        Assert.True(perToken < 160 + 2 * piecePerToken, $"{perToken:F0} B per token beyond the pieces ({piecePerToken:F0} B of text per token)");

        static async Task<(long Bytes, int Tokens, int Chars)> Measure(LlmChatSession session)
        {
            session.Reset();
            int tokens = 0;
            int chars = 0;
            long before = GC.GetTotalAllocatedBytes(precise: true);
            await foreach (ChatEvent e in session.SendAsync("count", TestContext.Current.CancellationToken))
            {
                tokens += e.Metrics.NewTokens;
                chars += e.Text.Length;
            }

            return (GC.GetTotalAllocatedBytes(precise: true) - before, tokens, chars);
        }
    }
}
