using EdgeAI.Llm.Chat;
using EdgeAI.Llm.Configuration;
using Microsoft.Extensions.Time.Testing;

namespace EdgeAI.Llm.Tests.Chat;

/// <summary>Turn figures on a virtual clock, whose timestamps tick at 10 MHz rather than at Stopwatch's frequency.</summary>
public sealed class TurnCountersTests(TestLlm llm)
{
    [Fact]
    public void ToMetrics_OnAFakeClock_PrefillAndDecodeAreTheClocksMilliseconds()
    {
        var clock = new FakeTimeProvider();
        var turn = new TurnCounters();
        long started = clock.GetTimestamp();

        long before = clock.GetTimestamp();
        clock.Advance(TimeSpan.FromMilliseconds(250));
        turn.Prefill += clock.GetElapsedTime(before);
        for (int i = 0; i < 3; i++)
        {
            before = clock.GetTimestamp();
            clock.Advance(TimeSpan.FromMilliseconds(40));
            turn.Decode += clock.GetElapsedTime(before);
            turn.CountNewToken(clock, started);
        }

        TurnMetrics metrics = turn.ToMetrics(contextTokens: 100);
        Assert.Equal(250.0, metrics.PrefillMs, 9);
        Assert.Equal(120.0, metrics.DecodeMs, 9);
        Assert.Equal(290.0, metrics.TimeToFirstTokenMs, 9);
        Assert.Equal(3, metrics.NewTokens);
        Assert.Equal(25.0, metrics.TokensPerSecond, 9);
    }

    [Fact]
    public async Task Send_OnAClockThatAdvances10MsPerReading_DecodeMsIs10PerToken()
    {
        // Each reading of the clock moves it 10 ms, so every timed GenAI call (one prefill, one GenerateNextToken per
        // token) lasts exactly 10 ms of virtual time, however long the real call took.
        var clock = new FakeTimeProvider { AutoAdvanceAmount = TimeSpan.FromMilliseconds(10) };
        Assert.NotEqual(System.Diagnostics.Stopwatch.Frequency, clock.TimestampFrequency);
        using var session = new LlmChatSession(llm.Model, new LlmOptions { MaxNewTokens = 6 }, time: clock);
        Turn turn = await Turn.Run(session, "How far can I drive?");

        Assert.InRange(turn.Metrics.NewTokens, 1, 6);
        Assert.Equal(10.0 * turn.Metrics.NewTokens, turn.Metrics.DecodeMs, 6);
        Assert.Equal(10.0, turn.Metrics.PrefillMs, 6);
    }
}
