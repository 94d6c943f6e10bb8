using System.Text.Json;
using EdgeAI.Inference.Models;
using EdgeAI.TestKit;

namespace EdgeAI.Cli.Tests.Vision;

/// <summary>A newcomer's first vision run on a clip with no face in it says the truth: the driver is not seen.</summary>
public sealed class FacelessClipTests
{
    [Fact]
    public void Vision_ClipWithoutAFace_IsUnknownNeverAttentive()
    {
        try { new ModelCache().GetPath("blazeface-front"); }
        catch (ModelNotAvailableException e) { Assert.Skip(e.Message); }
        Assert.SkipWhen(ExternalTool.MissingProgramReason("ffmpeg", "ffmpeg") is not null, ExternalTool.MissingProgramReason("ffmpeg", "ffmpeg") ?? "");
        using var dir = new TempDirectory();
        string clip = dir.File("testcard.mp4");
        // ffmpeg's test card: colour bars and a counter, no person.
        ExternalTool.Run("ffmpeg", ["-loglevel", "error", "-f", "lavfi", "-i", "testsrc=size=320x240:rate=10", "-t", "2", clip]);

        var (code, stdout, stderr) = CliRunner.Run("vision", clip, "--json");

        Assert.True(code == 0, stderr);
        var frames = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).SkipLast(1).Select(l => JsonDocument.Parse(l)).ToList();
        Assert.Equal(20, frames.Count);
        foreach (var frame in frames)
        {
            Assert.Equal(0, frame.RootElement.GetProperty("faces").GetArrayLength());
            Assert.Equal("unknown", frame.RootElement.GetProperty("attention").GetProperty("state").GetString());
            Assert.Equal("no-face", frame.RootElement.GetProperty("attention").GetProperty("cause").GetString());
        }
    }
}
