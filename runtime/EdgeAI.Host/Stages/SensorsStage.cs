using EdgeAI.Host.Pipeline;
using EdgeAI.Sensors;
using Microsoft.Extensions.Logging;

namespace EdgeAI.Host.Stages;

/// <summary>
/// Sensors and GPIO: the cabin climate sensor read every <see cref="ClimateEvery"/> into the latest-wins <c>climate</c>
/// channel (stamped with the drive's time, so fusion applies it where the drive is), and the cabin buttons' presses
/// handed to <see cref="OnButton"/> (the talk button is push-to-talk for the voice stage; accept and dismiss act on the
/// shown suggestion), and the status LED set from <see cref="LedBlink"/> at every turn of its loop (at least once a
/// beat). A sensor that fails is said on the status line and read again at the next period; its values go stale in the
/// context meanwhile.
/// </summary>
public sealed class SensorsStage : HostStage
{
    private readonly ICabinClimateSensor? _climate;
    private readonly IButtonInput? _buttons;
    private readonly StageChannel<CabinClimateReading> _output;
    private readonly DriveClock _clock;
    private bool _ledSet;
    private TimeSpan? _ledBlink;

    /// <summary>A stage over <paramref name="climate"/> and <paramref name="buttons"/> (either may be null).</summary>
    public SensorsStage(StageHealth health, ILogger logger, ICabinClimateSensor? climate, IButtonInput? buttons,
        StageChannel<CabinClimateReading> output, DriveClock clock)
        : base(health, logger)
    {
        _climate = climate;
        _buttons = buttons;
        _output = output ?? throw new ArgumentNullException(nameof(output));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        Time = clock.Time;
    }

    /// <summary>How often the climate sensor is read (wall time).</summary>
    public TimeSpan ClimateEvery { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Receives every button press (any thread: the stage's).</summary>
    public Action<ButtonEvent>? OnButton { get; init; }

    /// <summary>The status LED, or null: lit while the stage runs, blinking as <see cref="LedBlink"/> says, dark once stopped.</summary>
    public IStatusLed? Led { get; init; }

    /// <summary>What the LED shows now: null for steadily lit, else the period to blink with (asked on the stage's
    /// thread; set before the stage starts).</summary>
    public Func<TimeSpan?> LedBlink { get; set; } = () => null;

    /// <summary>Climate readings that failed.</summary>
    public long ClimateFailures { get; private set; }

    /// <summary>Button presses handed on.</summary>
    public long Presses { get; private set; }

    /// <inheritdoc/>
    protected override async Task RunAsync(CancellationToken stop)
    {
        var buttons = _buttons is null ? null : new InputWait<ButtonEvent>(_buttons.Events);
        long nextRead = Time.GetTimestamp();
        try
        {
            while (!stop.IsCancellationRequested)
            {
                ShowLed();
                if (_climate is not null && Time.GetElapsedTime(nextRead) >= TimeSpan.Zero)
                {
                    ReadClimate();
                    nextRead = Time.GetTimestamp() + (long)(ClimateEvery.TotalSeconds * Time.TimestampFrequency);
                }
                var untilRead = _climate is null ? BeatEvery : -Time.GetElapsedTime(nextRead);
                if (untilRead < TimeSpan.Zero) untilRead = TimeSpan.Zero;
                if (untilRead > BeatEvery) untilRead = BeatEvery;
                if (buttons is null)
                {
                    await Task.Delay(untilRead, Time, stop);
                    await BeatAsync(stop);
                    continue;
                }
                if (await WaitForInputAsync(buttons, stop, untilRead) is null) buttons = null;
                while (buttons is not null && buttons.Reader.TryRead(out var press))
                {
                    Presses++;
                    Health.Progress();
                    OnButton?.Invoke(press);
                }
            }
        }
        finally
        {
            Led?.Off();
        }
    }

    /// <summary>Sets the LED when what it should show has changed (a blink restarts only then).</summary>
    private void ShowLed()
    {
        if (Led is null) return;
        var blink = LedBlink();
        if (_ledSet && blink == _ledBlink) return;
        _ledSet = true;
        _ledBlink = blink;
        if (blink is { } period) Led.Blink(period);
        else Led.On();
    }

    private void ReadClimate()
    {
        if (!_clock.IsAnchored) return;
        try
        {
            var reading = _climate!.Read();
            // The drive's time, not the sensor's wall clock: a replay's drive and the cabin's sensor meet here.
            if (_output.TryWrite(reading with { TimestampNs = _clock.NowNs })) Health.Progress();
            if (ClimateFailures > 0 && Health.Detail is not null) Health.Detail = $"{_climate.Name} back after {ClimateFailures} failed reading(s)";
        }
        catch (IOException e)
        {
            ClimateFailures++;
            Health.Detail = $"{_climate!.Name}: {e.Message.ReplaceLineEndings(" ")}; cabin climate goes stale";
            Logger.LogWarning("cabin climate sensor failed: {Message}", e.Message);
        }
    }
}
