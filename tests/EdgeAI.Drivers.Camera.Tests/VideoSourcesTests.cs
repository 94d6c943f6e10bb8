using EdgeAI.TestKit;

namespace EdgeAI.Drivers.Camera.Tests;

public sealed class VideoSourcesTests
{
    [Fact]
    public async Task Open_Path_IsAFileReadWithoutDrops()
    {
        if (TestVideos.MissingReason is { } reason) Assert.Skip(reason);
        using var dir = new TempDirectory();
        // 1 s + 1 s + 1 s at fps=10 (ffmpeg's filter in TestVideos): 30 frames.
        using var source = VideoSources.Open(TestVideos.FaceNoFaceFace(dir.Path, 1, 1, 1));
        Assert.IsType<VideoFileSource>(source);
        Assert.False(source.IsLive);
        var indices = new List<long>();
        while (await source.ReadAsync(TestContext.Current.CancellationToken) is { } frame)
        {
            using (frame) indices.Add(frame.Index);
            // A consumer slower than the clip's 10 fps: a live source would drop frames meanwhile, a file must not.
            await Task.Delay(5, TestContext.Current.CancellationToken);
        }
        Assert.Equal(Enumerable.Range(0, 30).Select(i => (long)i), indices);
        Assert.Equal(0, source.DroppedFrames);
    }

    [Fact]
    public async Task Open_GstPrefix_IsAPipeline()
    {
        if (GStreamerSource.MissingReason is { } reason) Assert.Skip(reason);
        using var source = VideoSources.Open("gst:videotestsrc num-buffers=2 ! video/x-raw,format=GRAY8,width=16,height=8 ! appsink name=edgeai_sink sync=false");
        Assert.IsType<GStreamerSource>(source);
        using var frame = await source.ReadAsync(TestContext.Current.CancellationToken);
        Assert.Equal((16, 8), (frame!.Width, frame.Height));
    }

    [Theory]
    [InlineData("/dev/video63")]
    [InlineData("63")]
    public void Open_CameraThatIsNotThere_NamesTheDevice(string spec)
    {
        if (File.Exists("/dev/video63")) Assert.Skip("this machine has a /dev/video63");
        var e = Assert.Throws<FileNotFoundException>(() => VideoSources.Open(spec));
        Assert.StartsWith("/dev/video63: no such camera", e.Message);
    }

    private static string RelativeToRoot(string directory) => string.Concat(Enumerable.Repeat("../", directory.Count(c => c == '/')));

    [Fact]
    public void Open_MissingFile_SaysNoSuchVideoFile() =>
        Assert.StartsWith("missing.mp4: no such video file", Assert.Throws<FileNotFoundException>(() => VideoSources.Open("missing.mp4")).Message);

    [Fact]
    public void DeviceIndex_StableLinkToAVideoDevice_ResolvesToItsIndex()
    {
        using var dir = new TempDirectory();
        string link = dir.File("usb-Cabin_IR_Camera-video-index0");
        File.CreateSymbolicLink(link, "/dev/video5");
        Assert.Equal(5, CameraSource.DeviceIndex(link));
        string byId = dir.File("by-id");
        Directory.CreateDirectory(byId);
        File.CreateSymbolicLink(Path.Combine(byId, "usb-cam-index0"), RelativeToRoot(byId) + "dev/video4"); // relative, as udev writes them
        Assert.Equal(4, CameraSource.DeviceIndex(Path.Combine(byId, "usb-cam-index0")));
        Assert.Equal(5, CameraSource.DeviceIndex("/dev/video5"));
        Assert.Equal(2, CameraSource.DeviceIndex("2"));
        Assert.Contains("expected a camera like /dev/video0", Assert.Throws<InvalidDataException>(() => CameraSource.DeviceIndex("/dev/sda")).Message);
    }
}
