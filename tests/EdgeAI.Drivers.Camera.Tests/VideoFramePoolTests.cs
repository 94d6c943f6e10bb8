using EdgeAI.Vision;

namespace EdgeAI.Drivers.Camera.Tests;

public sealed class VideoFramePoolTests
{
    [Fact]
    public void Dispose_Twice_ReturnsTheBufferOnce_SoTwoRentsGetTwoBuffers()
    {
        var pool = new VideoFramePool(16);
        var frame = pool.Rent();
        frame.Dispose();
        frame.Dispose();
        Assert.Equal(1, pool.Free);

        var first = pool.Rent();
        var second = pool.Rent();
        Assert.Same(frame, first);
        Assert.NotSame(first, second);
        Assert.Equal(2, pool.Created);
        first.Reset(2, 2, 2, PixelFormat.Gray8, 0, TimeSpan.Zero);
        second.Reset(2, 2, 2, PixelFormat.Gray8, 1, TimeSpan.Zero);
        first.Data.Fill(1);
        second.Data.Fill(2);
        Assert.All(first.Data.ToArray(), b => Assert.Equal(1, b));
    }

    [Fact]
    public void Dispose_OfARentedFrameAgainAfterItWasRentedAgain_DoesNotTakeItFromItsNewHolder()
    {
        var pool = new VideoFramePool(16);
        var frame = pool.Rent();
        frame.Dispose();
        var again = pool.Rent();
        Assert.Same(frame, again);
        again.Dispose();
        again.Dispose();
        Assert.Equal(1, pool.Free);
    }

    [Fact]
    public void Return_ManyFramesAtOnce_KeepsAtMostMaxFree_AndCountsTheRest()
    {
        var pool = new VideoFramePool(16, maxFree: 3);
        var held = Enumerable.Range(0, 10).Select(_ => pool.Rent()).ToList();
        foreach (var frame in held) frame.Dispose();
        Assert.Equal(3, pool.Free);
        Assert.Equal(7, pool.Discarded);
        for (int i = 0; i < 3; i++) pool.Rent();
        Assert.Equal(10, pool.Created);
        pool.Rent();
        Assert.Equal(11, pool.Created);
    }

    [Fact]
    public void Dispose_FromManyThreadsAtOnce_ReturnsEachFrameExactlyOnce()
    {
        var pool = new VideoFramePool(16, maxFree: 1000);
        var frames = Enumerable.Range(0, 200).Select(_ => pool.Rent()).ToArray();
        Parallel.For(0, frames.Length * 4, i => frames[i % frames.Length].Dispose());
        Assert.Equal(frames.Length, pool.Free);
        var rented = Enumerable.Range(0, frames.Length).Select(_ => pool.Rent()).ToHashSet(ReferenceEqualityComparer.Instance);
        Assert.Equal(frames.Length, rented.Count);
        Assert.Equal(frames.Length, pool.Created);
    }

    [Fact]
    public void Return_FrameOfAnotherPool_IsRefused()
    {
        var a = new VideoFramePool(16);
        var b = new VideoFramePool(16);
        Assert.Throws<ArgumentException>(() => b.Return(a.Rent()));
    }
}
