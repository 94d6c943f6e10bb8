using EdgeAI.Assistant.Drive;
using EdgeAI.Fusion.Context;
using EdgeAI.Fusion.Mapping;
using EdgeAI.Host.Hil;
using EdgeAI.TestKit;

namespace EdgeAI.Host.Tests.Hil;

public sealed class FaultedCabinCameraTests
{
    private const long Start = 1_000_000_000_000;

    /// <summary>A camera taking one frame a second from <see cref="Start"/>; each processed frame reports the driver
    /// attentive at its time.</summary>
    private sealed class OneFramePerSecond(int frames) : ICabinCamera
    {
        private int _next;

        public long Frames { get; private set; }

        public List<double> Processed { get; } = [];

        public ValueTask AdvanceToAsync(long nowNs, VehicleContext context, CancellationToken cancellation)
        {
            for (; _next < frames && Start + _next * 1_000_000_000L <= nowNs; _next++)
            {
                context.ApplyAttention(Start + _next * 1_000_000_000L, DriverAttention.Attentive, 1);
                Processed.Add(_next);
                Frames++;
            }
            return ValueTask.CompletedTask;
        }

        public ValueTask<long> SkipToAsync(long nowNs, CancellationToken cancellation)
        {
            long skipped = 0;
            for (; _next < frames && Start + _next * 1_000_000_000L <= nowNs; _next++) skipped++;
            return ValueTask.FromResult(skipped);
        }
    }

    [Fact]
    public async Task AdvanceTo_UnplugWindows_FramesInThemNeverReachTheMonitor_AndAttentionGoesStale()
    {
        var context = new VehicleContext(SignalMap.Load(RepoPaths.Get("models", "vehicle", "edgeai_demo.signals.json")));
        var inner = new OneFramePerSecond(11);
        // Out of order on purpose: the windows are visited in the order they open.
        var camera = new FaultedCabinCamera(inner, [new HilFault(HilFaultKind.CameraUnplug, 7, 8, null, 1), new HilFault(HilFaultKind.CameraUnplug, 3, 5, null, 2)], Start);
        int attention = context.IndexOf(ContextKeys.Attention);
        ContextQuality? qualityAt45 = null;
        for (long now = Start; now <= Start + 10_000_000_000L; now += 500_000_000)
        {
            await camera.AdvanceToAsync(now, context, TestContext.Current.CancellationToken);
            if (now == Start + 4_500_000_000L) qualityAt45 = context.Read(attention, now).Quality;
        }
        Assert.Equal([0, 1, 2, 5, 6, 8, 9, 10], inner.Processed);
        Assert.Equal(3, camera.Unplugged);
        Assert.Equal(8, camera.Frames);
        Assert.Equal(ContextQuality.Stale, qualityAt45);
    }
}
