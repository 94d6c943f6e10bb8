using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeAI.Host.Pipeline;

/// <summary>
/// One stage of the host: a <see cref="BackgroundService"/> that reports its liveness through <see cref="Health"/>. A
/// stage that throws is marked faulted (the watchdog then stops pinging and the host stops with exit code 1, so systemd
/// restarts it); cancellation on shutdown is a normal stop.
/// </summary>
public abstract class HostStage(StageHealth health, ILogger logger) : BackgroundService
{
    private long _startTs;

    /// <summary>The stage's liveness.</summary>
    public StageHealth Health { get; } = health;

    /// <summary>The clock the stage waits on.</summary>
    protected TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>A stall injected for tests and HIL (the stage stops beating for a while), or null.</summary>
    public StageStall? Stall { get; init; }

    /// <summary>Called when the stage faults (the host stops with exit code 1).</summary>
    public Action<HostStage, Exception>? OnFault { get; init; }

    /// <summary>The logger.</summary>
    protected ILogger Logger { get; } = logger;

    /// <summary>How often a waiting stage beats: a quarter of its deadline.</summary>
    protected TimeSpan BeatEvery => Health.Deadline / 4;

    /// <inheritdoc/>
    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        _startTs = Time.GetTimestamp();
        Health.Started();
        try
        {
            await RunAsync(stoppingToken);
            if (Health.State == StageState.Running) Health.Ended("its input ended");
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown.
        }
        catch (Exception e)
        {
            Health.Faulted(e.Message.ReplaceLineEndings(" "));
            Logger.LogError("stage {Stage} failed: {Message}", Health.Name, Health.Detail);
            OnFault?.Invoke(this, e);
            return;
        }
        if (Health.State != StageState.Faulted) Health.Stopped();
    }

    /// <summary>The stage's work, until <paramref name="stop"/> or the end of its input.</summary>
    protected abstract Task RunAsync(CancellationToken stop);

    /// <summary>
    /// Beats; while an injected <see cref="Stall"/> is due, holds the stage without beating first (as a hung call would).
    /// </summary>
    protected async ValueTask BeatAsync(CancellationToken stop)
    {
        if (Stall is { } stall && stall.RemainingAt(Time.GetElapsedTime(_startTs)) is { } hold && hold > TimeSpan.Zero)
        {
            Logger.LogWarning("stage {Stage}: injected stall for {Seconds:0.#} s", Health.Name, hold.TotalSeconds);
            await Task.Delay(hold, Time, stop);
        }
        Health.Beat();
    }

    /// <summary>Beats until shutdown: a stage whose input ended stays up, and healthy, while the rest of the pipeline runs.</summary>
    protected async Task IdleUntilStoppedAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            await Task.Delay(BeatEvery, Time, stop);
            await BeatAsync(stop);
        }
    }

    /// <summary>Waits <paramref name="wait"/> (a reconnection's back-off), beating meanwhile.</summary>
    protected async Task SleepBeatingAsync(TimeSpan wait, CancellationToken stop)
    {
        long start = Time.GetTimestamp();
        while (Time.GetElapsedTime(start) < wait)
        {
            var left = wait - Time.GetElapsedTime(start);
            await Task.Delay(left < BeatEvery ? left : BeatEvery, Time, stop);
            await BeatAsync(stop);
        }
    }

    /// <summary>
    /// Waits until <paramref name="waiter"/>'s channel has input or a beat is due (or <paramref name="limit"/> passed, when
    /// shorter); true when there is input, false on a beat, null when the channel was completed and is empty.
    /// </summary>
    protected async ValueTask<bool?> WaitForInputAsync<T>(InputWait<T> waiter, CancellationToken stop, TimeSpan? limit = null)
    {
        ArgumentNullException.ThrowIfNull(waiter);
        var result = await waiter.WaitAsync(limit is { } l && l < BeatEvery ? l : BeatEvery, Time, stop);
        await BeatAsync(stop);
        return result;
    }
}
