using EdgeAI.Host.Hmi;
using Microsoft.Extensions.Time.Testing;

namespace EdgeAI.Hmi.Tests;

/// <summary>The replay clock the HMI steers: paused frames wait, a step lets exactly its seconds through.</summary>
[Trait("Category", "Hmi")]
public sealed class HmiClockTests
{
    private const long Second = 1_000_000_000;

    [Fact]
    public async Task Step_LetsThroughTheFramesOfItsSeconds_ThenPausesAndCompletes()
    {
        var clock = new HmiClock(new FakeTimeProvider(), 20, paused: true);
        long start = 1_000 * Second;
        var passed = new List<long>();
        using var stop = new CancellationTokenSource();
        var drive = Task.Run(async () =>
        {
            for (long t = start; t < start + 60 * Second; t += Second / 10)
            {
                await clock.WaitAsync(t, () => ValueTask.CompletedTask, stop.Token);
                lock (passed) passed.Add(t);
            }
        });

        await clock.StepAsync(5).WaitAsync(TimeSpan.FromSeconds(30));
        lock (passed)
        {
            Assert.Equal(start + 5 * Second, passed[^1]);
            Assert.Equal(51, passed.Count);
        }
        Assert.True(clock.Paused);
        Assert.Equal(5, clock.Seconds, 3);

        await clock.StepAsync(2.05).WaitAsync(TimeSpan.FromSeconds(30));
        lock (passed) Assert.Equal(start + 7 * Second, passed[^1]);
        Assert.Contains("\"paused\":true", clock.Json());
        stop.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => drive);
    }

    [Fact]
    public async Task PostedWork_RunsWhilePaused()
    {
        var clock = new HmiClock(new FakeTimeProvider(), 1, paused: true);
        int work = 0;
        using var stop = new CancellationTokenSource();
        var waiting = clock.WaitAsync(Second, () => { Interlocked.Increment(ref work); return ValueTask.CompletedTask; }, stop.Token).AsTask();
        int before = Volatile.Read(ref work);
        clock.Wake();
        while (Volatile.Read(ref work) == before) await Task.Delay(5, TestContext.Current.CancellationToken);
        Assert.False(waiting.IsCompleted);
        stop.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }

    [Fact]
    public void SetSpeed_OutOfRange_IsRefusedNamingTheRange()
    {
        var clock = new HmiClock(TimeProvider.System, 1, paused: false);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => clock.SetSpeed(5000));
        Assert.Contains("0.1 to 1000", e.Message);
        clock.SetSpeed(double.PositiveInfinity);
        Assert.Contains("\"speed\":\"max\"", clock.Json());
    }
}
