using System.Text.Json;
using System.Threading.Channels;
using EdgeAI.Host.Health;
using EdgeAI.Host.Pipeline;
using Microsoft.Extensions.Time.Testing;

namespace EdgeAI.Host.Tests.Pipeline;

public sealed class StageHealthTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void Running_NoBeatPastTheDeadline_IsStalledUntilItBeatsAgain()
    {
        var health = new StageHealth("fusion", TimeSpan.FromSeconds(5), _time);
        health.Started();
        _time.Advance(TimeSpan.FromSeconds(4.9));
        Assert.False(health.IsStalled);
        _time.Advance(TimeSpan.FromSeconds(0.2));
        Assert.True(health.IsStalled);
        health.Progress(3);
        Assert.False(health.IsStalled);
        Assert.Equal(3, health.Items);
    }

    [Fact]
    public void Starting_OrStopped_IsNeverStalled()
    {
        var health = new StageHealth("gps", TimeSpan.FromSeconds(1), _time);
        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.False(health.IsStalled);
        health.Started();
        health.Stopped();
        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.False(health.IsStalled);
    }

    [Fact]
    public void Pipeline_OneStalledStage_IsUnhealthyAndSaysWhich()
    {
        var can = new StageHealth("can", TimeSpan.FromSeconds(5), _time);
        var fusion = new StageHealth("fusion", TimeSpan.FromSeconds(2), _time);
        var pipeline = new PipelineHealth([can, fusion], [ChannelInfo.Of(new StageChannel<int>("can", 4, BoundedChannelFullMode.Wait))], _time);
        Assert.False(pipeline.AllStarted);
        can.Started();
        fusion.Started();
        Assert.True(pipeline.AllStarted);
        Assert.True(pipeline.IsHealthy(out _));

        _time.Advance(TimeSpan.FromSeconds(3));
        can.Beat();
        Assert.False(pipeline.IsHealthy(out var reason));
        Assert.Equal("fusion stalled: no progress for 3.0 s (deadline 2 s)", reason);
        Assert.StartsWith("UNHEALTHY: fusion stalled", pipeline.Summary());

        using var json = JsonDocument.Parse(pipeline.Json());
        Assert.False(json.RootElement.GetProperty("healthy").GetBoolean());
        Assert.Equal("running", json.RootElement.GetProperty("stages")[1].GetProperty("state").GetString());
        Assert.Equal("wait", json.RootElement.GetProperty("channels")[0].GetProperty("policy").GetString());
    }

    [Fact]
    public void Pipeline_FaultedStage_IsUnhealthyWithItsReason()
    {
        var camera = new StageHealth("camera", TimeSpan.FromSeconds(5), _time);
        camera.Started();
        camera.Faulted("the model file is corrupt");
        var pipeline = new PipelineHealth([camera], [], _time);
        Assert.False(pipeline.IsHealthy(out var reason));
        Assert.Equal("camera failed: the model file is corrupt", reason);
    }

    [Fact]
    public void Stall_RemainingAt_OnlyInsideItsWindow()
    {
        var stall = new StageStall("fusion", TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(5));
        Assert.Null(stall.RemainingAt(TimeSpan.FromSeconds(2.9)));
        Assert.Equal(TimeSpan.FromSeconds(4), stall.RemainingAt(TimeSpan.FromSeconds(4)));
        Assert.Null(stall.RemainingAt(TimeSpan.FromSeconds(8)));
    }

    [Fact]
    public void Watermark_OnlyMovesForward_AndClosesAtTheEnd()
    {
        var mark = new InputWatermark();
        mark.Advance(10);
        mark.Advance(5);
        Assert.Equal(10, mark.Value);
        mark.Close();
        Assert.Equal(long.MaxValue, mark.Value);
    }
}
