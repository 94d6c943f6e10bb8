using EdgeAI.Vision;

namespace EdgeAI.Drivers.Camera.Tests;

public sealed class CameraSourceTests
{
    private const string Device = "/dev/video0";

    [Fact]
    [Trait("Category", "Hardware")]
    public async Task Camera_Video0_DeliversBgrFramesInOrder()
    {
        if (!File.Exists(Device)) Assert.Skip($"no camera at {Device}");
        using var camera = new CameraSource(Device);
        Assert.True(camera.IsLive);
        long last = -1;
        for (int i = 0; i < 5; i++)
        {
            using var frame = await camera.ReadAsync(TestContext.Current.CancellationToken);
            Assert.NotNull(frame);
            Assert.Equal(PixelFormat.Bgr24, frame.Format);
            Assert.True(frame.Width > 0 && frame.Height > 0 && frame.Stride == frame.Width * 3);
            Assert.True(frame.Index > last);
            last = frame.Index;
        }
    }

    [Fact]
    [Trait("Category", "Hardware")]
    public async Task Camera_Video0_SlowConsumer_GetsNewestFrameAndCountsDrops()
    {
        if (!File.Exists(Device)) Assert.Skip($"no camera at {Device}");
        using var camera = new CameraSource(Device);
        long firstIndex;
        using (var first = await camera.ReadAsync(TestContext.Current.CancellationToken)) firstIndex = first!.Index;
        await Task.Delay(1000, TestContext.Current.CancellationToken); // a camera delivers several frames a second
        using var newest = await camera.ReadAsync(TestContext.Current.CancellationToken);
        long skipped = newest!.Index - firstIndex - 1;
        Assert.True(skipped > 0, "frames captured while nobody read must have been dropped");
        Assert.InRange(camera.DroppedFrames, skipped, long.MaxValue); // each skipped index was counted (later ones may be too)
    }
}
