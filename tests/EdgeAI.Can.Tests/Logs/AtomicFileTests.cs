using EdgeAI.Can.Logs;
using EdgeAI.TestKit;

namespace EdgeAI.Can.Tests.Logs;

public class AtomicFileTests
{
    [Fact]
    public void Dispose_WithoutCommit_LeavesExistingFileUntouchedAndNoTempBehind()
    {
        using var dir = new TempDirectory();
        string path = dir.File("drive.log");
        File.WriteAllText(path, "old content\n");

        using (var writer = CanLogFiles.CreateWriter(path))
            writer.Write(new CanFrame(0x123, [1, 2, 3], timestampNs: 1_000));

        Assert.Equal("old content\n", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void Complete_GzPath_WritesGzipThatReadsBack()
    {
        using var dir = new TempDirectory();
        string path = dir.File("drive.log.gz");
        var frames = RandomFrames.Make(100, FrameFeatures.Extended, seed: 3);

        using (var writer = CanLogFiles.CreateWriter(path))
        {
            foreach (var frame in frames) writer.Write(frame);
            writer.Complete();
        }
        var back = new List<CanFrame>();
        using (var reader = CanLogFiles.OpenReader(path))
            while (reader.TryRead(out var frame)) back.Add(frame);

        Assert.Equal(new byte[] { 0x1F, 0x8B }, File.ReadAllBytes(path)[..2]);
        Assert.Equal(frames, back);
    }
}
