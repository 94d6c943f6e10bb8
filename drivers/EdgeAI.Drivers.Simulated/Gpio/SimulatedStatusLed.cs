using EdgeAI.Sensors;

namespace EdgeAI.Drivers.Simulated;

/// <summary>A status LED in memory: blinks on the <see cref="TimeProvider"/>'s timers and counts its toggles, so the
/// demo and HIL can assert what the driver would have seen.</summary>
public sealed class SimulatedStatusLed(TimeProvider time, string name = "status") : IStatusLed
{
    private readonly Lock _gate = new();
    private ITimer? _blink;

    /// <inheritdoc />
    public string Name { get; } = name;

    /// <inheritdoc />
    public StatusLedMode Mode { get; private set; }

    /// <inheritdoc />
    public bool IsLit { get; private set; }

    /// <summary>Times the LED went from dark to lit.</summary>
    public int TimesLit { get; private set; }

    /// <inheritdoc />
    public void On() => Set(StatusLedMode.On, null);

    /// <inheritdoc />
    public void Off() => Set(StatusLedMode.Off, null);

    /// <inheritdoc />
    public void Blink(TimeSpan period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(period, TimeSpan.Zero);
        Set(StatusLedMode.Blink, period);
    }

    private void Set(StatusLedMode mode, TimeSpan? period)
    {
        lock (_gate)
        {
            _blink?.Dispose();
            _blink = null;
            Mode = mode;
            Light(mode != StatusLedMode.Off);
            if (period is { } p)
                _blink = time.CreateTimer(_ => { lock (_gate) Light(!IsLit); }, null, p / 2, p / 2);
        }
    }

    private void Light(bool lit)
    {
        if (lit && !IsLit) TimesLit++;
        IsLit = lit;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate) _blink?.Dispose();
    }
}
