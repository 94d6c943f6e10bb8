using EdgeAI.TestKit;
using EdgeAI.Vision;

namespace EdgeAI.Drivers.Camera.Tests;

public sealed class AnnotatedVideoWriterTests
{
    [Fact]
    public void Dispose_WithoutComplete_LeavesNoFileAndKeepsAnExistingOne()
    {
        using var dir = new TempDirectory();
        string path = dir.File("out.mp4");
        File.WriteAllText(path, "earlier run");
        using (new AnnotatedVideoWriter(path, 64, 48, 10)) { }
        Assert.Equal("earlier run", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void Open_UnwritablePlace_IsInvalidDataNamingThePath()
    {
        // /proc takes no new folders, not even from root.
        var e = Assert.Throws<InvalidDataException>(() => new AnnotatedVideoWriter("/proc/edgeai/out.mp4", 64, 48, 10));
        Assert.StartsWith("/proc/edgeai/out.mp4: cannot write a video here (", e.Message);
    }

    [Theory]
    [InlineData(PixelFormat.Bgr24, 0)]
    [InlineData(PixelFormat.Rgb24, 0)]
    [InlineData(PixelFormat.Gray8, 0)]
    [InlineData(PixelFormat.Gray16, 0)]
    [InlineData(PixelFormat.Nv12, 0)]
    [InlineData(PixelFormat.Nv12, 64)]
    [InlineData(PixelFormat.Yuyv, 16)]
    public void Write_PhotoInEachPixelFormat_ReadsBackAsFfmpegConvertsIt(PixelFormat format, int rowPadding)
    {
        if (TestVideos.MissingReason is { } reason) Assert.Skip(reason);
        using var dir = new TempDirectory();
        var image = TestVideos.Astronaut640(format);
        byte[] raw = image.Data;
        byte[] expected = image.ConvertedByFfmpeg(PixelFormat.Bgr24).Data;
        const int width = 640, height = 480;
        int rowBytes = VideoFrame.MinimumStride(width, format);
        int stride = rowBytes + rowPadding;
        var pool = new VideoFramePool(VideoFrame.RequiredBytes(height, stride, format));
        string path = dir.File("photo.mp4");
        using (var writer = new AnnotatedVideoWriter(path, width, height, 10))
        {
            for (int i = 0; i < 5; i++)
            {
                using var frame = pool.Rent();
                frame.Reset(width, height, stride, format, i, TimeSpan.FromMilliseconds(100 * i));
                frame.Data.Fill(0xA5); // padding bytes must not show
                int rows = raw.Length / rowBytes; // NV12: luma rows then chroma rows, each with the frame's stride
                for (int y = 0; y < rows; y++) raw.AsSpan(y * rowBytes, rowBytes).CopyTo(frame.Data.Slice(y * stride));
                writer.Write(frame);
            }
            writer.Complete();
        }
        using var back = new VideoFileSource(path);
        int count = 0;
        while (back.Read() is { } frame)
        {
            using (frame)
            {
                Assert.Equal((width, height, PixelFormat.Bgr24), (frame.Width, frame.Height, frame.Format));
                double difference = MeanAbsoluteDifference(frame.Data, expected);
                Assert.True(difference < 6, $"frame {count}: mean difference {difference:F2} from ffmpeg's {format} to BGR (mp4v is lossy)");
            }
            count++;
        }
        Assert.Equal(5, count);
        Assert.Single(Directory.GetFiles(dir.Path, "*.mp4"));
    }

    [Fact]
    public void Write_FrameOfAnotherSize_IsInvalidDataNamingTheFrame()
    {
        using var dir = new TempDirectory();
        using var writer = new AnnotatedVideoWriter(dir.File("out.mp4"), 64, 48, 10);
        using var frame = new VideoFrame(32 * 24 * 3);
        frame.Reset(32, 24, 96, PixelFormat.Bgr24, 7, TimeSpan.Zero);
        Assert.Contains("frame 7 is 32x24, the video is 64x48", Assert.Throws<InvalidDataException>(() => writer.Write(frame)).Message);
    }

    private static double MeanAbsoluteDifference(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        long sum = 0;
        for (int i = 0; i < a.Length; i++) sum += Math.Abs(a[i] - b[i]);
        return (double)sum / a.Length;
    }
}
