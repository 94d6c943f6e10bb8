namespace EdgeAI.Drivers.Gpio;

/// <summary>One button on a GPIO line.</summary>
public sealed record GpioButtonOptions
{
    /// <summary>The name events carry, e.g. <c>push-to-talk</c> or <c>dismiss</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The line offset on the chip (on a Raspberry Pi: the BCM number; on a Jetson: the line of its gpiochip).</summary>
    public required int Pin { get; init; }

    /// <summary>True (the default) for a switch that closes to ground: the line is opened with its pull-up where the
    /// chip offers one, and low means pressed.</summary>
    public bool ActiveLow { get; init; } = true;

    /// <summary>How long the line must stay still before a change counts; bounces shorter than this are ignored.</summary>
    public TimeSpan Debounce { get; init; } = TimeSpan.FromMilliseconds(30);

    /// <summary>Held this long (from the first edge of the press) it is a long press, reported at that moment.</summary>
    public TimeSpan LongPress { get; init; } = TimeSpan.FromMilliseconds(800);

    /// <summary>A second press starting within this time after the first release makes a double press.
    /// <see cref="TimeSpan.Zero"/> turns double presses off, and a short press is then reported at its release.</summary>
    public TimeSpan DoublePressWindow { get; init; } = TimeSpan.FromMilliseconds(300);

    /// <summary>Also report the debounced press and release themselves (<see cref="EdgeAI.Sensors.ButtonGesture.Down"/>,
    /// <see cref="EdgeAI.Sensors.ButtonGesture.Up"/>), dated at the first edge of each burst, as push-to-talk needs
    /// (default false: gestures only).</summary>
    public bool ReportPressAndRelease { get; init; }
}
