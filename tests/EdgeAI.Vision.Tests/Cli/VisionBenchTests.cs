using EdgeAI.Cli.Bench;
using EdgeAI.Vision.Faces;
using EdgeAI.Vision.Tests.Faces;
using EdgeAI.Vision.Tests.Images;

namespace EdgeAI.Vision.Tests.Cli;

public sealed class VisionBenchTests
{
    [Fact]
    public async Task Run_PhotoSequence_MeasuresEveryStageAndAllocatesNothingPerFrame()
    {
        if (TestPhotos.MissingReason is { } photos) Assert.Skip(photos);
        using var model = new OnnxFaceModel(BlazeFaceSession.RequireModel(), BlazeFaceModel.Front);
        var face = TestPhotos.Load(TestPhotos.Astronaut, PixelFormat.Nv12);
        var empty = TestPhotos.Load(TestPhotos.Coffee, PixelFormat.Nv12, 512, 512);
        using var source = new PhotoSequenceSource([(face, 1), (empty, 1), (face, 1)]);
        var progress = new StringWriter();
        var figures = await new VisionBench(model, rounds: 2, progress).RunAsync(source, maxFrames: 25, TestContext.Current.CancellationToken);
        Assert.Equal(25, figures.Frames);
        Assert.Equal(0, figures.BytesPerFrame);
        Assert.True(figures.BareRunMsPerFrame > 0 && figures.InferenceMsPerFrame > 0 && figures.PipelineMsPerFrame >= figures.InferenceMsPerFrame);
        Assert.Equal(["capture", "preprocess", "inference", "decode", "monitor", "frame"], figures.Stages.Select(s => s.Stage));
        Assert.Contains("round 2", progress.ToString());
    }
}
