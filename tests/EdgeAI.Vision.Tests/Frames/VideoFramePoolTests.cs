namespace EdgeAI.Vision.Tests.Frames;

/// <summary>The frame pool hands each buffer to one holder at a time, and keeps a bounded number of free frames.</summary>
public sealed class VideoFramePoolTests
{
    [Fact]
    public void Dispose_Twice_ReturnsTheFrameOnce_SoTwoRentersNeverShareABuffer()
    {
        var pool = new VideoFramePool(64);
        var frame = pool.Rent();
        frame.Dispose();
        frame.Dispose();
        Assert.Equal(1, pool.FreeCount);

        var first = pool.Rent();
        var second = pool.Rent();

        Assert.Same(frame, first);
        Assert.NotSame(first, second);
        Assert.Equal(2, pool.Created);
    }

    [Fact]
    public void Return_BeyondTheCap_LeavesFramesToTheCollector()
    {
        var pool = new VideoFramePool(64, maxFree: 3);
        var frames = Enumerable.Range(0, 10).Select(_ => pool.Rent()).ToList();
        foreach (var f in frames) f.Dispose();

        Assert.Equal(3, pool.FreeCount);
        Assert.Equal(10, pool.Created);
    }

    [Fact]
    public void Rent_AfterDispose_TheFrameCanBeDisposedAgainByItsNewHolder()
    {
        var pool = new VideoFramePool(64);
        var frame = pool.Rent();
        frame.Dispose();
        var again = pool.Rent();
        Assert.Same(frame, again);
        again.Dispose(); // the new holder's Dispose returns it
        Assert.Equal(1, pool.FreeCount);
    }
}
