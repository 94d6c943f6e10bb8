using EdgeAI.Vision;

namespace EdgeAI.Drivers.Camera.Tests;

public sealed class LatestFrameDeliveryTests
{
    [Fact]
    public async Task SlowConsumer_GetsTheNewestFrameAndDropsAreCountedAndReturnedToThePool()
    {
        var pool = new VideoFramePool(16);
        var delivery = new LatestFrameDelivery(capacity: 1);
        for (int i = 0; i < 100; i++)
        {
            var frame = pool.Rent();
            frame.Reset(4, 4, 4, PixelFormat.Gray8, i, TimeSpan.FromMilliseconds(i));
            delivery.Offer(frame);
        }
        using (var newest = await delivery.TakeAsync(TestContext.Current.CancellationToken))
            Assert.Equal(99, newest!.Index);
        Assert.Equal(99, delivery.Dropped);
        // Every dropped frame went straight back to the pool, so 100 captures needed only two buffers.
        Assert.Equal(2, pool.Created);
    }

    [Fact]
    public async Task ProducerThread_ConsumerKeepsUp_NothingDropped_ThenCompletionEndsTheStream()
    {
        var pool = new VideoFramePool(16);
        var delivery = new LatestFrameDelivery(capacity: 2);
        using var turn = new SemaphoreSlim(0);
        var producer = new Thread(() =>
        {
            for (int i = 0; i < 20; i++)
            {
                var frame = pool.Rent();
                frame.Reset(4, 4, 4, PixelFormat.Gray8, i, default);
                delivery.Offer(frame);
                turn.Wait();
            }
            delivery.Complete();
        });
        producer.Start();
        var seen = new List<long>();
        while (await delivery.TakeAsync(TestContext.Current.CancellationToken) is { } frame)
        {
            seen.Add(frame.Index);
            frame.Dispose();
            turn.Release();
        }
        producer.Join();
        Assert.Equal(Enumerable.Range(0, 20).Select(i => (long)i), seen);
        Assert.Equal(0, delivery.Dropped);
    }

    [Fact]
    [Trait("Category", "Hardware")]
    public async Task Camera_Video0_DeliversFrames()
    {
        if (!File.Exists("/dev/video0")) Assert.Skip("no camera at /dev/video0");
        using var camera = new CameraSource("/dev/video0");
        using var frame = await camera.ReadAsync(TestContext.Current.CancellationToken);
        Assert.NotNull(frame);
    }
}
