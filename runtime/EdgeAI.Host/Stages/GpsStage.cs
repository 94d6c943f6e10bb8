using EdgeAI.Host.Pipeline;
using EdgeAI.Sensors;
using Microsoft.Extensions.Logging;

namespace EdgeAI.Host.Stages;

/// <summary>
/// GPS: the drive's fixes on the drive clock into the latest-wins <c>gps</c> channel. A drive without fixes (or a GPS
/// that lost its fix) leaves position keys stale: the services that need a position hold their suggestions.
/// </summary>
public sealed class GpsStage : HostStage
{
    private readonly IReadOnlyList<GpsFix> _fixes;
    private readonly StageChannel<GpsFix> _output;
    private readonly DriveClock _clock;

    /// <summary>A stage that plays <paramref name="fixes"/> (in time order).</summary>
    public GpsStage(StageHealth health, ILogger logger, IReadOnlyList<GpsFix> fixes, StageChannel<GpsFix> output, DriveClock clock)
        : base(health, logger)
    {
        _fixes = fixes ?? throw new ArgumentNullException(nameof(fixes));
        _output = output;
        _clock = clock;
        Time = clock.Time;
    }

    /// <summary>How far the fixes have been handed on.</summary>
    public InputWatermark Watermark { get; } = new();

    /// <inheritdoc/>
    protected override async Task RunAsync(CancellationToken stop)
    {
        try
        {
            await PlayAsync(stop);
        }
        finally
        {
            Watermark.Close();
        }
    }

    private async Task PlayAsync(CancellationToken stop)
    {
        bool maxSpeed = double.IsPositiveInfinity(_clock.Speed);
        foreach (var fix in _fixes)
        {
            Watermark.Advance(fix.TimestampNs);
            // At max speed fusion takes each fix when the drive reaches it (the watermark); else the fix waits for its time.
            while (!maxSpeed && (!_clock.IsAnchored || _clock.NowNs < fix.TimestampNs))
            {
                // Wait in steps no longer than a beat, so that a quiet GPS still shows alive.
                var step = !_clock.IsAnchored ? TimeSpan.FromMilliseconds(10)
                    : TimeSpan.FromTicks(Math.Clamp((-_clock.LagOf(fix.TimestampNs)).Ticks, TimeSpan.TicksPerMillisecond, BeatEvery.Ticks));
                await Task.Delay(step, Time, stop);
                await BeatAsync(stop);
            }
            await _output.WriteAsync(fix, stop);
            Watermark.Advance(fix.TimestampNs + 1);
            Health.Progress();
            if (maxSpeed) await BeatAsync(stop);
        }
        Watermark.Close();
        Health.Ended(_fixes.Count == 0 ? "no GPS input: position unknown" : "the GPS track ended; position goes stale");
        await IdleUntilStoppedAsync(stop);
    }
}
