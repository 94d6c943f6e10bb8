using System.Text.Json;
using EdgeAI.Inference.Models;
using EdgeAI.TestKit;

namespace EdgeAI.Drivers.Camera.Tests;

/// <summary><c>edgeai vision</c> end to end on clips made from real photos, through the real BlazeFace model.</summary>
public sealed class VisionOnVideoTests
{
    private static void RequireModelAndVideos()
    {
        if (TestVideos.MissingReason is { } reason) Assert.Skip(reason);
        try { new ModelCache().GetPath("blazeface-front"); }
        catch (ModelNotAvailableException e) { Assert.Skip(e.Message); }
    }

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = EdgeAI.Cli.Program.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void Vision_Json_FacesWhereTheAstronautIsAndNoneOnTheCoffee()
    {
        RequireModelAndVideos();
        using var dir = new TempDirectory();
        string clip = TestVideos.FaceNoFaceFace(dir.Path);
        var (code, stdout, stderr) = Run("vision", clip, "--json");
        Assert.True(code == 0, stderr);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var frames = lines.Where(l => l.StartsWith("{\"frame\"", StringComparison.Ordinal)).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(60, frames.Count);
        for (int i = 0; i < frames.Count; i++)
        {
            Assert.Equal(i, frames[i].GetProperty("frame").GetInt32());
            var faces = frames[i].GetProperty("faces");
            bool coffee = i >= 20 && i < 40;
            if (coffee) { Assert.Equal(0, faces.GetArrayLength()); continue; }
            Assert.Equal(1, faces.GetArrayLength());
            var box = faces[0].GetProperty("box");
            // The astronaut's face in the 512x512 photo is near (179, 81, 93, 93); scaled to 640x480 its centre is about (282, 119).
            double cx = box[0].GetDouble() + box[2].GetDouble() / 2, cy = box[1].GetDouble() + box[3].GetDouble() / 2;
            Assert.InRange(cx, 262, 302);
            Assert.InRange(cy, 99, 139);
        }
        Assert.Contains("\"summary\"", lines[^1]);
    }

    [Fact]
    public void Vision_FaceCoveredMidClip_NoFaceWhileCoveredAndFoundAgainAfter()
    {
        RequireModelAndVideos();
        using var dir = new TempDirectory();
        var (code, stdout, stderr) = Run("vision", TestVideos.FaceCoveredFace(dir.Path), "--json");
        Assert.True(code == 0, stderr);
        var faces = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith("{\"frame\"", StringComparison.Ordinal))
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("faces").GetArrayLength()).ToList();
        Assert.Equal(60, faces.Count);
        Assert.All(faces[..20], n => Assert.Equal(1, n));
        Assert.All(faces[20..40], n => Assert.Equal(0, n));
        Assert.All(faces[40..], n => Assert.Equal(1, n));
    }

    [Fact]
    public void Vision_Out_WritesAnAnnotatedVideoWithEveryFrame()
    {
        RequireModelAndVideos();
        using var dir = new TempDirectory();
        string clip = TestVideos.FaceNoFaceFace(dir.Path);
        string annotated = dir.File("annotated.mp4");
        var (code, _, stderr) = Run("vision", clip, "--out", annotated);
        Assert.True(code == 0, stderr);
        using var back = new VideoFileSource(annotated);
        int count = 0;
        while (back.Read() is { } frame) { frame.Dispose(); count++; }
        Assert.Equal(60, count);
        Assert.Equal(2, Directory.GetFiles(dir.Path, "*.mp4").Length);
    }

    [Fact]
    public void Vision_NoFaceForLong_RaisesTheNoFaceLadder()
    {
        RequireModelAndVideos();
        using var dir = new TempDirectory();
        string clip = TestVideos.FaceNoFaceFace(dir.Path, faceSeconds: 1, noFaceSeconds: 20, faceAgainSeconds: 1);
        var (code, stdout, stderr) = Run("vision", clip);
        Assert.True(code == 0, stderr);
        Assert.Contains("pre-alert", stdout);
    }

    [Fact]
    public void Vision_TruncatedVideo_OneLineExit2()
    {
        RequireModelAndVideos();
        using var dir = new TempDirectory();
        string clip = TestVideos.FaceNoFaceFace(dir.Path, faststart: true);
        string cut = dir.File("cut.mp4");
        var bytes = File.ReadAllBytes(clip);
        File.WriteAllBytes(cut, bytes[..(bytes.Length / 2)]);
        var (code, _, stderr) = Run("vision", cut, "--out", dir.File("annotated.mp4"));
        Assert.Equal(2, code);
        Assert.Matches(@"^edgeai: .*cut\.mp4: frame \d+ of 60 could not be decoded \(file truncated or corrupt\?\)$", stderr.Trim());
        Assert.False(File.Exists(dir.File("annotated.mp4")));
    }

    [Fact]
    public void Vision_Gst_VideoTestSrcRunsThroughTheGStreamerPath()
    {
        RequireModelAndVideos();
        if (GStreamerSource.MissingReason is { } reason) Assert.Skip(reason);
        var (code, stdout, stderr) = Run("vision", "--gst", "videotestsrc num-buffers=20 ! video/x-raw,format=GRAY8,width=320,height=240 ! appsink name=edgeai_sink sync=false", "--json");
        Assert.True(code == 0, stderr);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var summary = JsonDocument.Parse(lines[^1]).RootElement.GetProperty("summary");
        Assert.Equal(20, summary.GetProperty("frames").GetInt32() + summary.GetProperty("dropped").GetInt32());
        Assert.All(lines[..^1], l => Assert.Equal(0, JsonDocument.Parse(l).RootElement.GetProperty("faces").GetArrayLength()));
    }
}
