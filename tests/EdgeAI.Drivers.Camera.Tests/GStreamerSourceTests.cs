using EdgeAI.Vision;

namespace EdgeAI.Drivers.Camera.Tests;

/// <summary>The GStreamer appsink path on Debian's videotestsrc: every pixel format, predictable content, clear errors.</summary>
public sealed class GStreamerSourceTests
{
    private static async Task<(List<byte[]> Frames, VideoFrameShape Shape, long Dropped)> Pull(string pipeline, int expected)
    {
        if (GStreamerSource.MissingReason is { } reason) Assert.Skip(reason);
        using var source = new GStreamerSource(pipeline);
        var frames = new List<byte[]>();
        VideoFrameShape shape = default;
        while (await source.ReadAsync(TestContext.Current.CancellationToken) is { } frame)
        {
            using (frame)
            {
                shape = new VideoFrameShape(frame.Width, frame.Height, frame.Stride, frame.Format);
                frames.Add(frame.Data.ToArray());
            }
        }
        Assert.Equal(expected, frames.Count + source.DroppedFrames);
        return (frames, shape, source.DroppedFrames);
    }

    [Theory]
    [InlineData("RGB", PixelFormat.Rgb24, 960)]
    [InlineData("BGR", PixelFormat.Bgr24, 960)]
    [InlineData("GRAY8", PixelFormat.Gray8, 320)]
    [InlineData("GRAY16_LE", PixelFormat.Gray16, 640)]
    [InlineData("NV12", PixelFormat.Nv12, 320)]
    [InlineData("YUY2", PixelFormat.Yuyv, 640)]
    public async Task VideoTestSrc_EachFormat_ArrivesWithItsSizeStrideAndFormat(string caps, PixelFormat format, int stride)
    {
        var (frames, shape, _) = await Pull($"videotestsrc num-buffers=10 ! video/x-raw,format={caps},width=320,height=240 ! appsink name=edgeai_sink sync=false", 10);
        Assert.NotEmpty(frames);
        Assert.Equal(new VideoFrameShape(320, 240, stride, format), shape);
        Assert.Equal(VideoFrame.RequiredBytes(240, stride, format), frames[0].Length);
    }

    [Fact]
    public async Task SolidRed_RgbAndBgr_PutTheBytesInTheirOrder()
    {
        const string red = "videotestsrc num-buffers=3 pattern=solid-color foreground-color=0xffff0000 ! video/x-raw,format={0},width=64,height=48 ! appsink name=edgeai_sink sync=false";
        var rgb = (await Pull(string.Format(red, "RGB"), 3)).Frames[^1];
        var bgr = (await Pull(string.Format(red, "BGR"), 3)).Frames[^1];
        Assert.Equal(new byte[] { 255, 0, 0 }, rgb[..3]);
        Assert.Equal(new byte[] { 0, 0, 255 }, bgr[..3]);
    }

    [Fact]
    public async Task BlackAndWhite_Gray8AndNv12_HaveTheirLevels()
    {
        var white = (await Pull("videotestsrc num-buffers=2 pattern=white ! video/x-raw,format=GRAY8,width=64,height=48 ! appsink name=edgeai_sink sync=false", 2)).Frames[^1];
        var black = (await Pull("videotestsrc num-buffers=2 pattern=black ! video/x-raw,format=GRAY8,width=64,height=48 ! appsink name=edgeai_sink sync=false", 2)).Frames[^1];
        Assert.All(white, b => Assert.True(b > 200));
        Assert.All(black, b => Assert.True(b < 20));
        var nv12 = (await Pull("videotestsrc num-buffers=2 pattern=black ! video/x-raw,format=NV12,width=64,height=48 ! appsink name=edgeai_sink sync=false", 2)).Frames[^1];
        Assert.InRange(nv12[0], 0, 20);               // Y of black
        Assert.InRange(nv12[64 * 48], 120, 136);      // U of black (neutral chroma)
    }

    [Fact]
    public async Task PipelineWithoutAppsink_GetsBgrAppended()
    {
        Assert.EndsWith("! videoconvert ! video/x-raw,format=BGR ! appsink name=edgeai_sink sync=false", GStreamerSource.WithSink("videotestsrc num-buffers=4"));
        var (_, shape, _) = await Pull("videotestsrc num-buffers=4 ! video/x-raw,width=64,height=48", 4);
        Assert.Equal(PixelFormat.Bgr24, shape.Format);
    }

    [Fact]
    public async Task NotLivePipeline_SlowConsumer_GetsEveryFrame()
    {
        if (GStreamerSource.MissingReason is { } reason) Assert.Skip(reason);
        using var source = new GStreamerSource("videotestsrc num-buffers=25 ! video/x-raw,format=GRAY8,width=64,height=48 ! appsink name=edgeai_sink sync=false");
        Assert.False(source.IsLive);
        var indexes = new List<long>();
        while (await source.ReadAsync(TestContext.Current.CancellationToken) is { } frame)
        {
            using (frame) indexes.Add(frame.Index);
            await Task.Delay(10, TestContext.Current.CancellationToken); // slower than the pipeline produces
        }
        Assert.Equal(Enumerable.Range(0, 25).Select(i => (long)i), indexes);
        Assert.Equal(0, source.DroppedFrames);
    }

    [Fact]
    public async Task LivePipeline_SlowConsumer_LatestWinsAndDropsAreCounted()
    {
        if (GStreamerSource.MissingReason is { } reason) Assert.Skip(reason);
        using var source = new GStreamerSource("videotestsrc is-live=true num-buffers=40 ! video/x-raw,format=GRAY8,width=64,height=48,framerate=200/1 ! appsink name=edgeai_sink sync=false");
        Assert.True(source.IsLive);
        var indexes = new List<long>();
        while (await source.ReadAsync(TestContext.Current.CancellationToken) is { } frame)
        {
            using (frame) indexes.Add(frame.Index);
            await Task.Delay(30, TestContext.Current.CancellationToken);
        }
        Assert.Equal(40, indexes.Count + source.DroppedFrames);
        Assert.True(source.DroppedFrames > 0, $"a consumer 6x slower than a live camera must lose frames (got {indexes.Count}: {string.Join(",", indexes)})");
        Assert.Equal(indexes.Order(), indexes);
        Assert.Equal(39, indexes[^1]); // the newest frame always arrives
    }

    [Fact]
    public void BadPipeline_NamesTheElement()
    {
        if (GStreamerSource.MissingReason is { } reason) Assert.Skip(reason);
        var e = Assert.Throws<InvalidDataException>(() => new GStreamerSource("nosuchelement ! appsink"));
        Assert.Equal("--gst: no element \"nosuchelement\" (in 'nosuchelement ! appsink')", e.Message);
    }

    [Fact]
    public async Task UnsupportedFormat_SaysWhatToAdd()
    {
        if (GStreamerSource.MissingReason is { } reason) Assert.Skip(reason);
        using var source = new GStreamerSource("videotestsrc num-buffers=2 ! video/x-raw,format=I420,width=64,height=48 ! appsink name=edgeai_sink sync=false");
        var e = await Assert.ThrowsAsync<InvalidDataException>(async () => await source.ReadAsync(TestContext.Current.CancellationToken));
        Assert.Contains("the appsink gets I420; expected BGR, RGB, GRAY8, GRAY16_LE, NV12 or YUY2", e.Message);
    }

    internal readonly record struct VideoFrameShape(int Width, int Height, int Stride, PixelFormat Format);
}
