using EdgeAI.Llm.Chat;
using EdgeAI.Llm.Configuration;

namespace EdgeAI.Llm.Tests.Chat;

/// <summary>Turn timings come from the session's TimeProvider, whatever its tick rate (replay and HIL run on virtual clocks).</summary>
public sealed class TurnClockTests(TestLlm llm)
{
    /// <summary>A clock of 1,000 ticks a second that moves one tick (1 ms) each time it is read.</summary>
    private sealed class SteppingClock : TimeProvider
    {
        private long _now;
        public int Reads;
        public override long TimestampFrequency => 1000;
        public override long GetTimestamp()
        {
            Reads++;
            return ++_now;
        }
    }

    [Fact]
    public async Task Metrics_OnAVirtualClockOf1000TicksASecond_CountItsMilliseconds()
    {
        var clock = new SteppingClock();
        using var session = new LlmChatSession(llm.Model, new LlmOptions { MaxNewTokens = 6 }, time: clock);

        Turn turn = await Turn.Run(session, "How far can I drive?");

        // Every prefill and decode step is timed as one read before and one after: at least a whole millisecond each,
        // and never more than the clock moved in the whole turn. On Stopwatch.Frequency they were ~1e-6 ms.
        Assert.True(turn.Metrics.PrefillMs >= 1, $"prefill {turn.Metrics.PrefillMs} ms");
        Assert.True(turn.Metrics.DecodeMs >= 1, $"decode {turn.Metrics.DecodeMs} ms");
        Assert.Equal(Math.Floor(turn.Metrics.PrefillMs), turn.Metrics.PrefillMs);
        Assert.True(turn.Metrics.PrefillMs + turn.Metrics.DecodeMs <= clock.Reads, "more time than the clock moved");
    }
}
