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

    [Theory]
    [InlineData("videotestsrc ! appsink", "videotestsrc ! appsink name=edgeai_sink sync=false")]
    [InlineData("videotestsrc ! appsink max-buffers=2", "videotestsrc ! appsink name=edgeai_sink sync=false max-buffers=2")]
    [InlineData("videotestsrc ! appsink sync=true", "videotestsrc ! appsink name=edgeai_sink sync=true")]
    [InlineData("videotestsrc ! appsink async=false", "videotestsrc ! appsink name=edgeai_sink sync=false async=false")]
    [InlineData("videotestsrc ! appsink name=mine", "videotestsrc ! appsink name=mine")]
    [InlineData("videotestsrc ! appsink name=edgeai_sink sync=false", "videotestsrc ! appsink name=edgeai_sink sync=false")]
    public void WithSink_FinalAppsinkWithoutName_GetsTheName(string given, string runs) => Assert.Equal(runs, GStreamerSource.WithSink(given));

    [Fact]
    public void AppsinkNamedOtherwise_SaysWhichNameToUse()
    {
        if (GStreamerSource.MissingReason is { } reason) Assert.Skip(reason);
        var e = Assert.Throws<InvalidDataException>(() => new GStreamerSource("videotestsrc num-buffers=1 ! appsink name=mine"));
        Assert.Equal("--gst: the pipeline's appsink must be named edgeai_sink (appsink name=edgeai_sink), or leave the appsink out", e.Message);
    }

    [Fact]
    public void MissingFile_NamesTheElementAndGStreamersDetail()
    {
        if (GStreamerSource.MissingReason is { } reason) Assert.Skip(reason);
        var e = Assert.Throws<InvalidDataException>(() => new GStreamerSource("filesrc location=/nonexistent/clip.mp4 ! appsink"));
        Assert.Equal("--gst: filesrc0: Resource not found. (No such file \"/nonexistent/clip.mp4\")", e.Message);
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
    public void UnsupportedFormat_RefusedAtOpenSayingWhatToAdd()
    {
        if (GStreamerSource.MissingReason is { } reason) Assert.Skip(reason);
        // A pipeline that prerolls has its caps before the first frame, so the format is checked when it opens.
        var e = Assert.Throws<InvalidDataException>(() => new GStreamerSource("videotestsrc num-buffers=2 ! video/x-raw,format=I420,width=64,height=48 ! appsink name=edgeai_sink sync=false"));
        Assert.StartsWith("--gst: the appsink gets I420; expected BGR, RGB, GRAY8, GRAY16_LE, NV12 or YUY2", e.Message);
    }

    [Fact]
    public async Task NotLivePipeline_TimesComeFromTheBuffersAndTheRateFromTheCaps()
    {
        if (GStreamerSource.MissingReason is { } reason) Assert.Skip(reason);
        using var source = new GStreamerSource("videotestsrc num-buffers=12 ! video/x-raw,format=GRAY8,width=32,height=24,framerate=10/1 ! appsink name=edgeai_sink sync=false");
        Assert.Equal(10, source.FramesPerSecond, 6); // known at open: the pipeline prerolled
        var times = new List<TimeSpan>();
        while (await source.ReadAsync(TestContext.Current.CancellationToken) is { } frame)
            using (frame) times.Add(frame.Timestamp);
        // videotestsrc stamps frame n at n / framerate, however fast the pipeline runs (sync=false: far faster than 10/s).
        Assert.Equal(Enumerable.Range(0, 12).Select(i => TimeSpan.FromMilliseconds(100 * i)), times);
    }

    [Fact]
    public async Task LivePipeline_RateKnownOnceFramesFlow()
    {
        if (GStreamerSource.MissingReason is { } reason) Assert.Skip(reason);
        using var source = new GStreamerSource("videotestsrc is-live=true num-buffers=3 ! video/x-raw,format=GRAY8,width=32,height=24,framerate=25/1 ! appsink name=edgeai_sink sync=false");
        using (var first = await source.ReadAsync(TestContext.Current.CancellationToken)) Assert.NotNull(first);
        Assert.Equal(25, source.FramesPerSecond, 6);
    }

    [Fact]
    public async Task Gray16AndYuy2_WhiteAndBlack_HaveVideoLevels()
    {
        // videotestsrc draws in video levels: white is Y 235 (0xEBEB in 16 bits), black Y 16 (0x1010); chroma neutral.
        var white16 = (await Pull("videotestsrc num-buffers=1 pattern=white ! video/x-raw,format=GRAY16_LE,width=16,height=8 ! appsink name=edgeai_sink sync=false", 1)).Frames[0];
        var black16 = (await Pull("videotestsrc num-buffers=1 pattern=black ! video/x-raw,format=GRAY16_LE,width=16,height=8 ! appsink name=edgeai_sink sync=false", 1)).Frames[0];
        for (int i = 0; i < white16.Length; i += 2)
        {
            Assert.Equal(0xEBEB, BitConverter.ToUInt16(white16, i));
            Assert.Equal(0x1010, BitConverter.ToUInt16(black16, i));
        }
        var yuy2 = (await Pull("videotestsrc num-buffers=1 pattern=white ! video/x-raw,format=YUY2,width=16,height=8 ! appsink name=edgeai_sink sync=false", 1)).Frames[0];
        for (int i = 0; i < yuy2.Length; i += 2) Assert.Equal(i % 4 == 0 ? (byte)235 : (byte)128, i % 4 == 0 ? yuy2[i] : yuy2[i + 1]);
    }

    [Fact]
    public async Task Nv12_OddHeight_ChromaPlaneFollowsTheLastLumaRow()
    {
        // GStreamer starts NV12's chroma after an even number of luma rows (a padding row here); VideoFrame right after row 47.
        var (frames, shape, _) = await Pull("videotestsrc num-buffers=1 pattern=solid-color foreground-color=0xffff0000 ! video/x-raw,format=NV12,width=64,height=47 ! appsink name=edgeai_sink sync=false", 1);
        Assert.Equal(new VideoFrameShape(64, 47, 64, PixelFormat.Nv12), shape);
        var data = frames[0];
        Assert.Equal(64 * 47 + 64 * 24, data.Length);
        Assert.All(data[..(64 * 47)], y => Assert.Equal(81, y));            // red: Y 81
        for (int i = 64 * 47; i < data.Length; i += 2)
            Assert.Equal((90, 240), (data[i], data[i + 1]));                 // red: U 90, V 240, on every chroma row
    }

    internal readonly record struct VideoFrameShape(int Width, int Height, int Stride, PixelFormat Format);
}
