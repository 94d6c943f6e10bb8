using System.Device.Gpio;
using EdgeAI.Sensors;

namespace EdgeAI.Drivers.Gpio;

/// <summary>A status LED on a GPIO line (through a resistor to ground: lit when high; <c>activeLow</c> for one wired to
/// 3V3). Blinking toggles on the <see cref="TimeProvider"/>'s timer.</summary>
public sealed class GpioStatusLed : IStatusLed
{
    private readonly Lock _gate = new();
    private readonly GpioController _controller;
    private readonly int _pin;
    private readonly bool _activeLow;
    private readonly bool _shouldDispose;
    private readonly ITimer _blink;

    /// <summary>Opens <paramref name="pin"/> of <paramref name="controller"/> as an output, dark.</summary>
    /// <exception cref="GpioLineException">the chip lacks the line or it cannot be opened (one line naming chip and line).</exception>
    public GpioStatusLed(GpioController controller, string chipName, int pin, string name = "status", bool activeLow = false,
        TimeProvider? time = null, bool shouldDispose = false)
    {
        _controller = controller;
        _pin = pin;
        _activeLow = activeLow;
        _shouldDispose = shouldDispose;
        Name = name;
        GpioLines.Check(controller, chipName, pin, $"LED '{name}'");
        GpioLines.Open(controller, chipName, pin, PinMode.Output, $"LED '{name}'");
        Write(false);
        _blink = (time ?? TimeProvider.System).CreateTimer(_ => Toggle(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public StatusLedMode Mode { get; private set; }

    /// <inheritdoc />
    public bool IsLit { get; private set; }

    /// <inheritdoc />
    public void On() => Set(StatusLedMode.On, Timeout.InfiniteTimeSpan);

    /// <inheritdoc />
    public void Off() => Set(StatusLedMode.Off, Timeout.InfiniteTimeSpan);

    /// <inheritdoc />
    public void Blink(TimeSpan period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(period, TimeSpan.Zero);
        Set(StatusLedMode.Blink, period / 2);
    }

    private void Set(StatusLedMode mode, TimeSpan half)
    {
        lock (_gate)
        {
            Mode = mode;
            _blink.Change(half, half);
            Write(mode != StatusLedMode.Off);
        }
    }

    private void Toggle()
    {
        lock (_gate)
            if (Mode == StatusLedMode.Blink) Write(!IsLit);
    }

    private void Write(bool lit)
    {
        IsLit = lit;
        _controller.Write(_pin, lit != _activeLow ? PinValue.High : PinValue.Low);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate)
        {
            _blink.Dispose();
            if (_controller.IsPinOpen(_pin))
            {
                Write(false);
                _controller.ClosePin(_pin);
            }
        }
        if (_shouldDispose) _controller.Dispose();
    }
}
