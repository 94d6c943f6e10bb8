using System.Device.Gpio;
using System.Threading.Channels;
using EdgeAI.Sensors;

namespace EdgeAI.Drivers.Gpio;

/// <summary>
/// Push-to-talk, dismiss and other buttons on GPIO lines, with debounce, long press and double press
/// (see <see cref="GpioButtonOptions"/>). Gestures go to <see cref="Events"/>, a bounded queue that drops its oldest
/// event (counted in <see cref="EventsDropped"/>) when nobody reads it.
/// </summary>
/// <remarks>
/// A short press is reported at its release, or, when the button has a double-press window, once that window has
/// passed without a second press: one physical gesture gives exactly one event, as steering-wheel keys behave
/// (a double press never starts with a stray single). Give a button a zero window where the single press must act at
/// once. A long press is reported at its threshold while the button is still held, and its release reports nothing.
/// </remarks>
public sealed class GpioButtonInput : IButtonInput
{
    private readonly GpioController _controller;
    private readonly bool _shouldDispose;
    private readonly Channel<ButtonEvent> _events;
    private readonly List<(int Pin, DebouncedButton Button)> _buttons = [];
    private long _dropped;

    /// <summary>Opens every button's line on <paramref name="controller"/> (whose chip is called <paramref name="chipName"/>
    /// in messages, e.g. <c>gpiochip0</c>).</summary>
    /// <exception cref="GpioLineException">the chip lacks a line or it cannot be opened (one line naming chip, line and button).</exception>
    public GpioButtonInput(GpioController controller, string chipName, IEnumerable<GpioButtonOptions> buttons,
        TimeProvider? time = null, bool shouldDispose = false, int capacity = 64)
    {
        _controller = controller;
        _shouldDispose = shouldDispose;
        var clock = time ?? TimeProvider.System;
        _events = Channel.CreateBounded<ButtonEvent>(
            new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropOldest },
            _ => Interlocked.Increment(ref _dropped));
        try
        {
            foreach (var options in buttons)
            {
                OpenInput(controller, chipName, options);
                _buttons.Add((options.Pin, new DebouncedButton(controller, options, clock, e => _events.Writer.TryWrite(e))));
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public ChannelReader<ButtonEvent> Events => _events.Reader;

    /// <inheritdoc />
    public long EventsDropped => Interlocked.Read(ref _dropped);

    private static void OpenInput(GpioController controller, string chipName, GpioButtonOptions options)
    {
        GpioLines.Check(controller, chipName, options.Pin, $"button '{options.Name}'");
        var mode = options.ActiveLow
            ? (controller.IsPinModeSupported(options.Pin, PinMode.InputPullUp) ? PinMode.InputPullUp : PinMode.Input)
            : (controller.IsPinModeSupported(options.Pin, PinMode.InputPullDown) ? PinMode.InputPullDown : PinMode.Input);
        GpioLines.Open(controller, chipName, options.Pin, mode, $"button '{options.Name}'");
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var (pin, button) in _buttons)
        {
            button.Dispose();
            if (_controller.IsPinOpen(pin)) _controller.ClosePin(pin);
        }
        _buttons.Clear();
        _events.Writer.TryComplete();
        if (_shouldDispose) _controller.Dispose();
    }
}
