using EdgeAI.Drivers.Audio.Wav;
using EdgeAI.TestKit;
using Microsoft.Extensions.Time.Testing;

namespace EdgeAI.Drivers.Simulated.Tests;

/// <summary>The simulated microphone on a virtual clock: each 512-sample chunk is readable once the clock has passed its
/// last sample, carries the clip's start time plus its offset, and holds the file's samples.</summary>
public sealed class SimulatedMicrophoneTests : IDisposable
{
    private static readonly DateTimeOffset Epoch = new(2026, 5, 14, 8, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Chunk = TimeSpan.FromMilliseconds(32);
    private readonly TempDirectory _dir = new();
    private readonly float[] _clip;
    private readonly string _wav;

    public SimulatedMicrophoneTests()
    {
        // 1300 samples: two whole chunks and one of 276; values are multiples of 1/32768, so 16 bits keep them exactly.
        _clip = new float[1300];
        for (int i = 0; i < _clip.Length; i++) _clip[i] = (i % 200 - 100) / 32768f;
        _wav = _dir.File("question.wav");
        WavFileSink.WriteAll(_wav, _clip);
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task ReadAsync_OnAVirtualClock_DeliversEachChunkWhenItsLastSampleIsHeard()
    {
        var clock = new FakeTimeProvider(Epoch);
        using var mic = new SimulatedMicrophone(_wav, clock, startTime: TimeSpan.FromSeconds(12), epoch: Epoch);
        var buffer = new float[512];
        var ct = TestContext.Current.CancellationToken;

        // Nothing before the clip starts on the scenario's timeline: the first chunk ends at 12.032 s.
        var first = mic.ReadAsync(buffer, ct);
        clock.Advance(TimeSpan.FromSeconds(12) + Chunk - TimeSpan.FromTicks(1));
        Assert.False(first.IsCompleted);
        clock.Advance(TimeSpan.FromTicks(1));
        var chunk = await first;
        Assert.Equal(new EdgeAI.Audio.AudioChunk(512, 0, TimeSpan.FromSeconds(12)), chunk);
        Assert.Equal(_clip[..512], buffer);

        var second = mic.ReadAsync(buffer, ct);
        Assert.False(second.IsCompleted);
        clock.Advance(Chunk);
        Assert.Equal(new EdgeAI.Audio.AudioChunk(512, 512, TimeSpan.FromSeconds(12) + Chunk), await second);
        Assert.Equal(_clip[512..1024], buffer);

        // The short last chunk ends 17.25 ms later, inside a millisecond: it is delivered at the end of that millisecond.
        var third = mic.ReadAsync(buffer, ct);
        clock.Advance(TimeSpan.FromTicks(276L * TimeSpan.TicksPerSecond / 16000 - 1));
        Assert.False(third.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(new EdgeAI.Audio.AudioChunk(276, 1024, TimeSpan.FromSeconds(12) + 2 * Chunk), await third);
        Assert.Equal(_clip[1024..], buffer[..276]);

        var end = await mic.ReadAsync(buffer, ct);
        Assert.True(end.IsEnd);
        Assert.Equal(1300, end.FirstSample);
    }

    [Fact]
    public async Task ReadAsync_ClockAlreadyPast_DeliversAtOnceWithoutDrops()
    {
        var clock = new FakeTimeProvider(Epoch);
        using var mic = new SimulatedMicrophone(_wav, clock, epoch: Epoch);
        clock.Advance(TimeSpan.FromSeconds(10));
        var buffer = new float[512];
        var samples = new List<float>();
        while (true)
        {
            var read = mic.ReadAsync(buffer, TestContext.Current.CancellationToken);
            Assert.True(read.IsCompleted);
            var chunk = await read;
            if (chunk.IsEnd) break;
            samples.AddRange(buffer[..chunk.Count]);
        }
        Assert.Equal(_clip, samples);
        Assert.Equal(0, mic.DroppedSamples);
    }

    [Fact]
    public async Task ReadAsync_SilenceAfterClip_GoesOnInWholeChunksOnTheClock()
    {
        var clock = new FakeTimeProvider(Epoch);
        using var mic = new SimulatedMicrophone(_wav, clock, epoch: Epoch, silenceAfterClip: true);
        var buffer = new float[512];
        var ct = TestContext.Current.CancellationToken;
        clock.Advance(TimeSpan.FromSeconds(1));
        for (int i = 0; i < 3; i++) await mic.ReadAsync(buffer, ct);
        // After the clip (1300 samples), silence at 1300, 1812, ... until the clock runs out at 1 s (16000 samples).
        var next = await mic.ReadAsync(buffer, ct);
        Assert.Equal(new EdgeAI.Audio.AudioChunk(512, 1300, TimeSpan.FromTicks(1300L * TimeSpan.TicksPerSecond / 16000)), next);
        Assert.All(buffer, s => Assert.Equal(0f, s));
        for (int i = 0; i < 100; i++)
        {
            var read = mic.ReadAsync(buffer, ct);
            if (!read.IsCompleted)
            {
                // Silence chunks starting at 1812, 2324, ... end by 1 s (16000 samples) up to 1300 + 28 · 512 = 15636;
                // the 28th after 'next' starts at 15636 and ends at 16148, after the clock.
                Assert.Equal(27, i);
                clock.Advance(Chunk);
                Assert.Equal(1300 + 28 * 512L, (await read).FirstSample);
                return;
            }
            await read;
        }
        Assert.Fail("silence was delivered faster than the clock");
    }
}
