using EdgeAI.Fusion.Context;
using EdgeAI.Host.Pipeline;
using Microsoft.Extensions.Logging;

namespace EdgeAI.Host.Stages;

/// <summary>
/// Camera and vision: the driver monitor's verdict per frame, paced on the drive clock, into the latest-wins
/// <c>attention</c> channel (a slow consumer drops the oldest, counted). A camera that fails or goes away makes
/// attention "unknown" at once (never "attentive" by default) and is opened again with back-off (1 s doubling to 30 s).
/// </summary>
public sealed class CameraStage : HostStage
{
    private readonly Func<IAttentionSource> _open;
    private readonly StageChannel<AttentionSample> _output;
    private readonly DriveClock _clock;
    private readonly Func<float?> _speed;

    /// <summary>A stage that opens its source with <paramref name="open"/>; <paramref name="speed"/> gives the car's latest speed.</summary>
    public CameraStage(StageHealth health, ILogger logger, Func<IAttentionSource> open, StageChannel<AttentionSample> output, DriveClock clock, Func<float?> speed)
        : base(health, logger)
    {
        _open = open ?? throw new ArgumentNullException(nameof(open));
        _output = output;
        _clock = clock;
        _speed = speed;
        Time = clock.Time;
    }

    /// <summary>The first wait before reopening a lost camera.</summary>
    public TimeSpan FirstRetry { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between two tries.</summary>
    public TimeSpan MaxRetry { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How far the camera's samples have been handed on.</summary>
    public InputWatermark Watermark { get; } = new();

    /// <summary>Times the camera was lost.</summary>
    public long Losses { get; private set; }

    /// <summary>Times it was opened (the first and every reconnection).</summary>
    public long Opens { get; private set; }

    /// <inheritdoc/>
    protected override async Task RunAsync(CancellationToken stop)
    {
        try
        {
            await WatchAsync(stop);
        }
        finally
        {
            Watermark.Close();
        }
    }

    private async Task WatchAsync(CancellationToken stop)
    {
        var retry = new Backoff(FirstRetry, MaxRetry);
        while (!stop.IsCancellationRequested)
        {
            IAttentionSource? source = null;
            try
            {
                source = _open();
                Opens++;
                Health.Detail = Opens == 1 ? null : $"camera back after {Losses} loss(es)";
                retry.Reset();
                while (true)
                {
                    var sample = await source.NextAsync(_speed(), stop);
                    if (sample is not { } s)
                    {
                        if (source.IsLive) throw new IOException("the camera closed");
                        Watermark.Close();
                        await LostAsync("the cabin clip ended", stop);
                        Health.Ended("the cabin clip ended; attention is unknown");
                        await IdleUntilStoppedAsync(stop);
                        return;
                    }
                    Watermark.Advance(s.TimeNs);
                    // At max speed fusion takes each sample when the drive reaches it (the watermark); else it waits for its time.
                    if (!double.IsPositiveInfinity(_clock.Speed)) await _clock.WaitUntilAsync(s.TimeNs, stop);
                    await _output.WriteAsync(s, stop);
                    Watermark.Advance(s.TimeNs + 1);
                    Health.Progress();
                    await BeatAsync(stop);
                }
            }
            catch (Exception e) when (e is IOException or InvalidDataException or InvalidOperationException && !stop.IsCancellationRequested)
            {
                Losses++;
                var wait = retry.Next();
                await LostAsync($"camera lost ({e.Message.ReplaceLineEndings(" ")}); retry in {wait.TotalSeconds:0} s", stop);
                Logger.LogWarning("camera lost: {Message}; retry in {Seconds:0} s", e.Message, wait.TotalSeconds);
                await SleepBeatingAsync(wait, stop);
            }
            finally
            {
                source?.Dispose();
            }
        }
    }

    /// <summary>Attention is unknown from now on (until the camera says otherwise).</summary>
    private async ValueTask LostAsync(string detail, CancellationToken stop)
    {
        Health.Detail = detail;
        long now = _clock.NowNs;
        if (now != long.MinValue) await _output.WriteAsync(new AttentionSample(now, DriverAttention.Unknown, 0), stop);
    }
}
