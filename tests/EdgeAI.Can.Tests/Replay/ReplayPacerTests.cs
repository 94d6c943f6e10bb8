using EdgeAI.Can.Replay;
using Microsoft.Extensions.Time.Testing;

namespace EdgeAI.Can.Tests.Replay;

public class ReplayPacerTests
{
    [Fact]
    public void WaitAsync_TenTimesSpeed_FrameOneSecondLaterIsDueAfterOneHundredMilliseconds()
    {
        var clock = new FakeTimeProvider();
        var pacer = new ReplayPacer(clock, 10);

        Assert.True(pacer.WaitAsync(5_000_000_000, TestContext.Current.CancellationToken).IsCompleted); // the first frame anchors the replay
        var second = pacer.WaitAsync(6_000_000_000, TestContext.Current.CancellationToken).AsTask();
        clock.Advance(TimeSpan.FromMilliseconds(99));
        Assert.False(second.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(second.IsCompleted);
    }

    [Fact]
    public void WaitAsync_FramesWithinAMillisecond_GoAtOnce()
    {
        var clock = new FakeTimeProvider();
        var pacer = new ReplayPacer(clock, 1);
        pacer.WaitAsync(0, TestContext.Current.CancellationToken);

        Assert.True(pacer.WaitAsync(900_000, TestContext.Current.CancellationToken).IsCompleted);
        Assert.False(pacer.WaitAsync(1_500_000, TestContext.Current.CancellationToken).IsCompleted);
    }

    [Fact]
    public void WaitAsync_MaxSpeed_NeverWaits()
    {
        var pacer = new ReplayPacer(new FakeTimeProvider(), double.PositiveInfinity);
        pacer.WaitAsync(0, TestContext.Current.CancellationToken);

        Assert.True(pacer.WaitAsync(3_600_000_000_000, TestContext.Current.CancellationToken).IsCompleted);
        Assert.Equal(3600, pacer.RecordedSeconds(3_600_000_000_000));
    }

    [Fact]
    public void Constructor_ZeroSpeed_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReplayPacer(TimeProvider.System, 0));
}
