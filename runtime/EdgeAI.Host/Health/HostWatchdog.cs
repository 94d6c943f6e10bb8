using EdgeAI.Host.Systemd;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeAI.Host.Health;

/// <summary>
/// Tells systemd how the host is: READY=1 once every stage has started; WATCHDOG=1 only while every stage has made
/// progress within its deadline (so one hung stage stops the pings and systemd restarts the service); a STATUS= line
/// when health changes and every <see cref="StatusEvery"/>; STOPPING=1 on shutdown.
/// </summary>
public sealed class HostWatchdog(SystemdNotifier notifier, PipelineHealth health, TimeProvider time, ILogger<HostWatchdog> logger) : BackgroundService
{
    /// <summary>How often the STATUS= line is refreshed.</summary>
    public TimeSpan StatusEvery { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>True once READY=1 was sent.</summary>
    public bool IsReady { get; private set; }

    /// <summary>WATCHDOG=1 pings sent.</summary>
    public long Pings { get; private set; }

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!health.AllStarted) await Task.Delay(TimeSpan.FromMilliseconds(20), time, stoppingToken);
            notifier.Ready(health.Summary());
            IsReady = true;
            logger.LogInformation("ready: {Status}", health.Summary());
            var step = notifier.WatchdogInterval is { } w && w / 4 < TimeSpan.FromSeconds(1) ? w / 4 : TimeSpan.FromSeconds(1);
            long lastStatus = time.GetTimestamp();
            bool wasHealthy = true;
            while (!stoppingToken.IsCancellationRequested)
            {
                bool healthy = health.IsHealthy(out var reason);
                if (healthy && notifier.PingWatchdogIfDue()) Pings++;
                if (healthy != wasHealthy || time.GetElapsedTime(lastStatus) >= StatusEvery)
                {
                    string status = health.Summary();
                    notifier.Status(status);
                    if (healthy != wasHealthy)
                    {
                        if (healthy) logger.LogInformation("healthy again: {Status}", status);
                        else logger.LogWarning("unhealthy, watchdog pings withheld: {Reason}", reason);
                    }
                    lastStatus = time.GetTimestamp();
                    wasHealthy = healthy;
                }
                await Task.Delay(step, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown.
        }
    }

    /// <inheritdoc/>
    public override Task StopAsync(CancellationToken cancellationToken)
    {
        notifier.Stopping();
        return base.StopAsync(cancellationToken);
    }
}
