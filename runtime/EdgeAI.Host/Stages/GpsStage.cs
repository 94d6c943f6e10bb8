using EdgeAI.Host.Pipeline;
using EdgeAI.Sensors;
using Microsoft.Extensions.Logging;

namespace EdgeAI.Host.Stages;

/// <summary>
/// GPS: the drive's fixes on the drive clock, or a live receiver's (gpsd, a serial NMEA port) as they come, into the
/// latest-wins <c>gps</c> channel. A drive without fixes (or a GPS that lost its fix) leaves position keys stale: the
/// services that need a position hold their suggestions. A live receiver that cannot be reached or goes away is said on
/// the status line and opened again with back-off (1 s doubling to 30 s).
/// </summary>
public sealed class GpsStage : HostStage
{
    private readonly IReadOnlyList<GpsFix>? _fixes;
    private readonly Func<IGpsSource>? _open;
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

    /// <summary>A stage that reads a live receiver opened by <paramref name="open"/> (again after a loss).</summary>
    public GpsStage(StageHealth health, ILogger logger, Func<IGpsSource> open, StageChannel<GpsFix> output, DriveClock clock)
        : base(health, logger)
    {
        _open = open ?? throw new ArgumentNullException(nameof(open));
        _output = output;
        _clock = clock;
        Time = clock.Time;
    }

    /// <summary>The first wait before reopening a lost receiver.</summary>
    public TimeSpan FirstRetry { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between two tries.</summary>
    public TimeSpan MaxRetry { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Times the live receiver was lost (or could not be reached).</summary>
    public long Losses { get; private set; }

    /// <summary>How far the fixes have been handed on.</summary>
    public InputWatermark Watermark { get; } = new();

    /// <inheritdoc/>
    protected override async Task RunAsync(CancellationToken stop)
    {
        try
        {
            if (_open is not null)
            {
                // A live receiver's fixes come in real time: nothing to hold fusion back for.
                Watermark.Close();
                await ReadLiveAsync(stop);
            }
            else await PlayAsync(stop);
        }
        finally
        {
            Watermark.Close();
        }
    }

    private async Task ReadLiveAsync(CancellationToken stop)
    {
        var retry = new Backoff(FirstRetry, MaxRetry);
        while (!stop.IsCancellationRequested)
        {
            IGpsSource? source = null;
            try
            {
                source = _open!();
                Health.Detail = Losses == 0 ? "waiting for the first fix" : $"waiting for a fix after {Losses} loss(es)";
                // A receiver that delivers nothing for a while still shows the stage alive.
                using var beats = CancellationTokenSource.CreateLinkedTokenSource(stop);
                var beating = BeatWhileAsync(beats.Token);
                try
                {
                    await foreach (var fix in source.ReadFixesAsync(stop))
                    {
                        await _output.WriteAsync(fix, stop);
                        Health.Detail = null;
                        retry.Reset();
                        Health.Progress();
                    }
                }
                finally
                {
                    await beats.CancelAsync();
                    await beating;
                }
                throw new IOException($"{source.Name}: the receiver closed");
            }
            catch (IOException e) when (!stop.IsCancellationRequested)
            {
                Losses++;
                var wait = retry.Next();
                Health.Detail = $"no GPS ({e.Message.ReplaceLineEndings(" ")}); retry in {wait.TotalSeconds:0} s";
                Logger.LogWarning("GPS lost: {Message}; retry in {Seconds:0} s", e.Message, wait.TotalSeconds);
                await SleepBeatingAsync(wait, stop);
            }
            finally
            {
                source?.Dispose();
            }
        }
    }

    private async Task BeatWhileAsync(CancellationToken stop)
    {
        try
        {
            while (true)
            {
                await Task.Delay(BeatEvery, Time, stop);
                await BeatAsync(stop);
            }
        }
        catch (OperationCanceledException)
        {
            // The receiver's loop ended.
        }
    }

    private async Task PlayAsync(CancellationToken stop)
    {
        bool maxSpeed = double.IsPositiveInfinity(_clock.Speed);
        var fixes = _fixes!;
        foreach (var fix in fixes)
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
        Health.Ended(fixes.Count == 0 ? "no GPS input: position unknown" : "the GPS track ended; position goes stale");
        await IdleUntilStoppedAsync(stop);
    }
}
