using EdgeAI.TestKit;
using EdgeAI.Vision;

namespace EdgeAI.Drivers.Camera.Tests;

public sealed class VideoFileSourceTests
{
    [Fact]
    public async Task Read_ClipMadeByFfmpeg_EveryFrameInOrderWithTimesAndThePhotosPixels()
    {
        if (TestVideos.MissingReason is { } reason) Assert.Skip(reason);
        using var dir = new TempDirectory();
        string clip = TestVideos.FaceNoFaceFace(dir.Path);
        byte[] photo = TestVideos.AstronautBgr(dir.Path);
        using var source = new VideoFileSource(clip);
        Assert.False(source.IsLive);
        Assert.Equal(10, source.FramesPerSecond, 3);
        long count = 0;
        while (await source.ReadAsync(TestContext.Current.CancellationToken) is { } frame)
        {
            using (frame)
            {
                Assert.Equal(count, frame.Index);
                Assert.Equal(TimeSpan.FromSeconds(count / 10.0), frame.Timestamp);
                Assert.Equal((640, 480, PixelFormat.Bgr24), (frame.Width, frame.Height, frame.Format));
                if (count == 5) Assert.True(MeanAbsoluteDifference(frame.Data, photo) < 8, "frame 5 shows the astronaut photo (mp4v is lossy)");
                if (count == 25) Assert.True(MeanAbsoluteDifference(frame.Data, photo) > 30, "frame 25 shows the coffee, not the astronaut");
            }
            count++;
        }
        Assert.Equal(60, count);
        Assert.Equal(1, source.PooledFrames);
    }

    [Fact]
    public void Read_ClipCutInTheMiddle_NamesTheFrameWhereItBroke()
    {
        if (TestVideos.MissingReason is { } reason) Assert.Skip(reason);
        using var dir = new TempDirectory();
        string clip = TestVideos.FaceNoFaceFace(dir.Path, faststart: true);
        string cut = dir.File("cut.mp4");
        var bytes = File.ReadAllBytes(clip);
        File.WriteAllBytes(cut, bytes[..(bytes.Length / 2)]);
        using var source = new VideoFileSource(cut);
        var e = Assert.Throws<InvalidDataException>(() => { while (source.Read() is { } f) f.Dispose(); });
        Assert.Matches(@"cut\.mp4: frame \d+ of 60 could not be decoded \(file truncated or corrupt\?\)", e.Message);
    }

    [Fact]
    public void Open_FileWithoutItsIndexOrNotAVideo_IsInvalidData()
    {
        if (TestVideos.MissingReason is { } reason) Assert.Skip(reason);
        using var dir = new TempDirectory();
        string clip = TestVideos.FaceNoFaceFace(dir.Path);
        string cut = dir.File("noindex.mp4");
        File.WriteAllBytes(cut, File.ReadAllBytes(clip)[..20_000]);
        Assert.Contains("noindex.mp4: not a video this build can decode", Assert.Throws<InvalidDataException>(() => new VideoFileSource(cut)).Message);
        string text = dir.File("notes.mp4");
        File.WriteAllText(text, "not a video");
        Assert.Throws<InvalidDataException>(() => new VideoFileSource(text));
    }

    [Fact]
    public void Open_MissingFile_NamesIt() =>
        Assert.Contains("nope.mp4: no such video file", Assert.Throws<FileNotFoundException>(() => new VideoFileSource("nope.mp4")).Message);

    private static double MeanAbsoluteDifference(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        long sum = 0;
        for (int i = 0; i < a.Length; i++) sum += Math.Abs(a[i] - b[i]);
        return (double)sum / a.Length;
    }
}
