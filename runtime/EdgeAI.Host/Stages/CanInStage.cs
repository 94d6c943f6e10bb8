using EdgeAI.Can;
using EdgeAI.Can.Logs;
using EdgeAI.Host.Pipeline;
using Microsoft.Extensions.Logging;

namespace EdgeAI.Host.Stages;

/// <summary>
/// CAN in: frames from a live bus (SocketCAN or the simulated bus) as they arrive, or from a recorded log at the drive
/// clock's pace, into the <c>can</c> channel. That channel waits when full (back-pressure on the replay, the kernel's
/// receive queue on a bus): frames are never dropped here. A replay can loop; each loop's times are shifted past the
/// previous one, so the drive's clock never goes back.
/// </summary>
public sealed class CanInStage : HostStage
{
    private readonly StageChannel<CanFrame> _output;
    private readonly DriveClock _clock;
    private readonly Func<ICanLogReader>? _openLog;
    private readonly ICanBus? _bus;

    /// <summary>A replay of the log <paramref name="openLog"/> opens, <paramref name="loops"/> times (0: for ever).</summary>
    public CanInStage(StageHealth health, ILogger logger, StageChannel<CanFrame> output, DriveClock clock, Func<ICanLogReader> openLog, int loops)
        : base(health, logger)
    {
        _output = output;
        _clock = clock;
        _openLog = openLog ?? throw new ArgumentNullException(nameof(openLog));
        Loops = loops >= 0 ? loops : throw new ArgumentOutOfRangeException(nameof(loops), "expected 0 (for ever) or more loops");
        Time = clock.Time;
    }

    /// <summary>Frames received from <paramref name="bus"/>.</summary>
    public CanInStage(StageHealth health, ILogger logger, StageChannel<CanFrame> output, DriveClock clock, ICanBus bus)
        : base(health, logger)
    {
        _output = output;
        _clock = clock;
        _bus = bus ?? throw new ArgumentNullException(nameof(bus));
        Time = clock.Time;
    }

    /// <summary>How early a replayed frame may go: frames due within it are handed on together.</summary>
    public static readonly TimeSpan Burst = TimeSpan.FromMilliseconds(5);

    /// <summary>How many times a replay plays its log (0: for ever).</summary>
    public int Loops { get; }

    /// <summary>Loops played so far.</summary>
    public int LoopsPlayed { get; private set; }

    /// <inheritdoc/>
    protected override async Task RunAsync(CancellationToken stop)
    {
        try
        {
            if (_bus is not null) await ReceiveAsync(_bus, stop);
            else await ReplayAsync(stop);
        }
        finally
        {
            _output.Complete();
        }
    }

    private async Task ReplayAsync(CancellationToken stop)
    {
        long offsetNs = 0, lastNs = long.MinValue;
        for (int loop = 0; Loops == 0 || loop < Loops; loop++)
        {
            long firstNs = long.MinValue;
            using (var reader = _openLog!())
            {
                while (reader.TryRead(out var frame))
                {
                    if (firstNs == long.MinValue)
                    {
                        firstNs = frame.TimestampNs;
                        // A later loop starts a second after the previous one ended.
                        if (lastNs != long.MinValue) offsetNs = lastNs + 1_000_000_000 - firstNs;
                    }
                    long t = frame.TimestampNs + offsetNs;
                    if (offsetNs != 0) frame = frame.WithTimestamp(t);
                    _clock.Anchor(t);
                    // Frames due within the next few milliseconds go now, as one burst: a wait (a timer) per frame would
                    // cost more than the frames. Their times are the recording's either way.
                    if (-_clock.LagOf(t) > Burst) await _clock.WaitUntilAsync(t, stop);
                    await _output.WriteAsync(frame, stop);
                    _clock.Observe(t);
                    lastNs = t;
                    Health.Progress();
                    if (Stall is not null) await BeatAsync(stop);
                }
            }
            LoopsPlayed = loop + 1;
            if (firstNs == long.MinValue) break;
        }
        Health.Ended($"replay finished after {LoopsPlayed} loop(s)");
        await IdleUntilStoppedAsync(stop);
    }

    private async Task ReceiveAsync(ICanBus bus, CancellationToken stop)
    {
        var buffer = new CanFrame[256];
        while (!stop.IsCancellationRequested)
        {
            int n = bus.TryReceive(buffer);
            if (n == 0)
            {
                using var beat = CancellationTokenSource.CreateLinkedTokenSource(stop);
                beat.CancelAfter(BeatEvery);
                try { await bus.WaitToReceiveAsync(beat.Token); }
                catch (OperationCanceledException) when (!stop.IsCancellationRequested) { }
                await BeatAsync(stop);
                continue;
            }
            for (int i = 0; i < n; i++)
            {
                _clock.Anchor(buffer[i].TimestampNs);
                await _output.WriteAsync(buffer[i], stop);
                _clock.Observe(buffer[i].TimestampNs);
            }
            Health.Progress(n);
            await BeatAsync(stop);
        }
    }
}
