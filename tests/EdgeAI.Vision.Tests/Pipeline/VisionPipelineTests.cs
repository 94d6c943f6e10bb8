using EdgeAI.TestKit;
using EdgeAI.Vision.Faces;
using EdgeAI.Vision.Monitoring;
using EdgeAI.Vision.Pipeline;
using EdgeAI.Vision.Tests.Faces;
using EdgeAI.Vision.Tests.Images;

namespace EdgeAI.Vision.Tests.Pipeline;

/// <summary>The whole pipeline on real photos through the real model: presence, absence and occlusion over time.</summary>
public sealed class VisionPipelineTests
{
    private static RawImage Astronaut => PublicPhotos.Load(PublicPhotos.Astronaut, PixelFormat.Nv12);
    private static RawImage Covered => PublicPhotos.Load(PublicPhotos.Astronaut, PixelFormat.Nv12, 512, 512, "drawbox=x=165:y=65:w=125:h=125:color=gray:t=fill");
    private static RawImage Coffee => PublicPhotos.Load(PublicPhotos.Coffee, PixelFormat.Nv12, 512, 512);

    private static (List<(long Frame, TimeSpan At, int Faces, AttentionStatus Status)> Log, VisionSummary Summary) Run(
        IReadOnlyList<(RawImage, double)> script, DriverMonitorProfile profile, TimeProvider? time = null)
    {
        if (PublicPhotos.MissingReason is { } photos) Assert.Skip(photos);
        using var model = new OnnxFaceModel(BlazeFaceSession.RequireModel(), BlazeFaceModel.Front);
        using var metrics = new VisionMetrics();
        var pipeline = new VisionPipeline(model, new DriverMonitor(profile), metrics, time: time);
        using var source = new PhotoSequenceSource(script);
        var log = new List<(long, TimeSpan, int, AttentionStatus)>();
        var summary = pipeline.RunAsync(source, (frame, r) => log.Add((r.Frame, r.Timestamp, r.FaceCount, r.Attention)), TestContext.Current.CancellationToken)
            .GetAwaiter().GetResult();
        return (log, summary);
    }

    [Fact]
    public void Run_FaceCoveredFor12Seconds_PreAlertsAfterTheNoFaceLadderAndClearsWhenItReturns()
    {
        if (PublicPhotos.MissingReason is { } photos) Assert.Skip(photos);
        var (log, summary) = Run([(Astronaut, 2), (Covered, 12), (Astronaut, 2)], DriverMonitorProfile.Default);
        Assert.Equal(160, summary.Frames);
        Assert.Equal(Enumerable.Range(0, 160).Select(i => (long)i), log.Select(e => e.Frame)); // every frame, in order
        Assert.All(log.Where(e => e.At < TimeSpan.FromSeconds(2) || e.At >= TimeSpan.FromSeconds(14)), e => Assert.Equal(1, e.Faces));
        Assert.All(log.Where(e => e.At >= TimeSpan.FromSeconds(2) && e.At < TimeSpan.FromSeconds(14)), e => Assert.Equal(0, e.Faces));
        // Face lost at 2.0 s; the 30 s ladder pre-alerts 30 * 3/11 = 8.18 s later: the frame at 10.2 s.
        Assert.Equal(TimeSpan.FromSeconds(10.2), log.First(e => e.Status.State == AttentionState.PreAlert).At);
        Assert.DoesNotContain(log, e => e.Status.State >= AttentionState.Alert);
        Assert.Equal(AttentionState.Attentive, log.First(e => e.At == TimeSpan.FromSeconds(14)).Status.State);
        Assert.All(log.Where(e => e.At >= TimeSpan.FromSeconds(2) && e.At < TimeSpan.FromSeconds(10.2)), e => Assert.Equal(AttentionState.Unknown, e.Status.State));
        Assert.Equal(DistractionCause.NoFace, log.First(e => e.At == TimeSpan.FromSeconds(10.2)).Status.Cause);
    }

    [Fact]
    public void Run_RegulationProfile_WarnsThreeSecondsAfterTheDriverLeaves()
    {
        var (log, _) = Run([(Astronaut, 1), (Coffee, 4), (Astronaut, 1)], DriverMonitorProfile.Regulation);
        var warned = log.First(e => e.Status.State == AttentionState.Alert);
        Assert.Equal(TimeSpan.FromSeconds(4), warned.At);
        Assert.Equal(AttentionRule.LongDistraction, warned.Status.Rule);
        Assert.Equal(AttentionState.Attentive, log[^1].Status.State);
    }

    [Fact]
    public void Run_Summary_HasEveryStageTimedBetweenItsOwnClockReadings()
    {
        // A virtual clock that moves 1 ms at every reading: each stage spans exactly one reading (1 ms) and the frame
        // spans the four stages after capture (4 ms); a stage timed across the wrong readings shows a different figure.
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider { AutoAdvanceAmount = TimeSpan.FromMilliseconds(1) };
        var (_, summary) = Run([(Astronaut, 1)], DriverMonitorProfile.Default, clock);
        Assert.Equal(10, summary.Frames);
        Assert.Equal(0, summary.Dropped);
        Assert.Equal(["capture", "preprocess", "inference", "decode", "monitor", "frame"], summary.Stages.Select(s => s.Stage));
        double[] expected = [1, 1, 1, 1, 1, 4];
        for (int i = 0; i < expected.Length; i++)
        {
            var stage = summary.Stages[i];
            Assert.Equal((stage.Stage, expected[i], expected[i]), (stage.Stage, stage.P50, stage.P99));
        }
    }

    [Fact]
    public void Process_SteadyState_AllocatesNothingPerFrame()
    {
        if (PublicPhotos.MissingReason is { } photos) Assert.Skip(photos);
        using var model = new OnnxFaceModel(BlazeFaceSession.RequireModel(), BlazeFaceModel.Front);
        using var metrics = new VisionMetrics(keep: 256);
        var pipeline = new VisionPipeline(model, new DriverMonitor(DriverMonitorProfile.Regulation), metrics);
        using var face = Astronaut.ToFrame();
        using var empty = Coffee.ToFrame();
        for (int i = 0; i < 5; i++) pipeline.Process(i % 2 == 0 ? face : empty);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 50; i++)
        {
            var frame = i % 2 == 0 ? face : empty;
            frame.Reset(frame.Width, frame.Height, frame.Stride, frame.Format, i, TimeSpan.FromMilliseconds(100 * i));
            pipeline.Process(frame);
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
