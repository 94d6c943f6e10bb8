using System.Threading.Channels;
using EdgeAI.Fusion.Context;
using EdgeAI.Host.Pipeline;
using EdgeAI.Host.Stages;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeAI.Host.Tests.Stages;

/// <summary>
/// A camera that is unplugged mid-stream, stays away for one retry and comes back: attention turns "unknown" at once
/// each time it is lost (never "attentive" by default) and the stage reopens it with a growing back-off.
/// </summary>
public sealed class CameraStageTests
{
    private const long T0 = 1_781_257_950_000_000_000;

    [Fact]
    public async Task Unplugged_AttentionUnknownAtOnce_ThenReconnectsWithBackOff()
    {
        var clock = new DriveClock(TimeProvider.System, 1);
        clock.Anchor(T0);
        var output = new StageChannel<AttentionSample>("attention", 100, BoundedChannelFullMode.Wait);
        int opens = 0;
        var openedAt = new List<DateTime>();
        IAttentionSource Open()
        {
            openedAt.Add(DateTime.UtcNow);
            return ++opens switch
            {
                1 => new PluggedCamera(3, unplugAfter: true),
                2 => throw new IOException("/dev/video0: No such device"),
                // More frames than the channel holds: the camera is still plugged in when the test stops.
                _ => new PluggedCamera(100_000, unplugAfter: false),
            };
        }
        var stage = new CameraStage(new StageHealth("camera", TimeSpan.FromSeconds(5), TimeProvider.System), NullLogger.Instance, Open, output, clock, () => 30f)
        {
            FirstRetry = TimeSpan.FromMilliseconds(100), MaxRetry = TimeSpan.FromSeconds(1),
        };

        await stage.StartAsync(TestContext.Current.CancellationToken);
        var seen = new List<DriverAttention>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (seen.Count < 8 && DateTime.UtcNow < deadline)
        {
            if (output.Reader.TryRead(out var sample)) seen.Add(sample.Attention);
            else await Task.Delay(10, TestContext.Current.CancellationToken);
        }
        await stage.StopAsync(CancellationToken.None);

        Assert.Equal([DriverAttention.Attentive, DriverAttention.Attentive, DriverAttention.Attentive,
            DriverAttention.Unknown, DriverAttention.Unknown, DriverAttention.Attentive, DriverAttention.Attentive, DriverAttention.Attentive], seen);
        Assert.Equal(2, stage.Losses);
        Assert.Equal(2, stage.Opens);
        // 100 ms, then twice that.
        Assert.True(openedAt[1] - openedAt[0] >= TimeSpan.FromMilliseconds(90), $"first retry after {(openedAt[1] - openedAt[0]).TotalMilliseconds} ms");
        Assert.True(openedAt[2] - openedAt[1] >= TimeSpan.FromMilliseconds(190), $"second retry after {(openedAt[2] - openedAt[1]).TotalMilliseconds} ms");
        Assert.Equal("camera back after 2 loss(es)", stage.Health.Detail);
    }

    /// <summary>A live camera that sees an attentive driver for <paramref name="frames"/> frames, then is unplugged
    /// (the read fails as V4L2's does) or keeps going.</summary>
    private sealed class PluggedCamera(int frames, bool unplugAfter) : IAttentionSource
    {
        private int _read;

        public bool IsLive => true;

        public ValueTask<AttentionSample?> NextAsync(float? speedKmh, CancellationToken cancellation)
        {
            if (_read >= frames)
            {
                if (unplugAfter) throw new IOException("VIDIOC_DQBUF: No such device");
                return ValueTask.FromResult<AttentionSample?>(null);
            }
            _read++;
            return ValueTask.FromResult<AttentionSample?>(new AttentionSample(T0 + _read * 33_000_000L, DriverAttention.Attentive, 1));
        }

        public void Dispose()
        {
        }
    }
}
