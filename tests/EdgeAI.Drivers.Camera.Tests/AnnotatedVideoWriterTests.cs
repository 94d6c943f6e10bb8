using EdgeAI.TestKit;

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
        var e = Assert.ThrowsAny<Exception>(() => new AnnotatedVideoWriter("/proc/edgeai/out.mp4", 64, 48, 10));
        Assert.Contains("/proc/edgeai/out.mp4", e.Message);
    }
}
