using System.Device.Gpio;
using EdgeAI.Sensors;

namespace EdgeAI.Drivers.Gpio;

/// <summary>
/// One button's debounce and gesture state machine. Every edge restarts a debounce timer; when the line has been still
/// for the debounce time its level is read, and a change of the debounced state is a press or release dated at the
/// first edge of its burst. Gestures: a long press fires at its threshold while held; a short press waits out the
/// double-press window (when enabled) and is reported then, or becomes a double press at the second release.
/// </summary>
internal sealed class DebouncedButton : IDisposable
{
    private readonly Lock _gate = new();
    private readonly GpioController _controller;
    private readonly GpioButtonOptions _options;
    private readonly TimeProvider _time;
    private readonly Action<ButtonEvent> _publish;
    private readonly ITimer _debounceTimer, _longTimer, _windowTimer;
    private readonly PinChangeEventHandler _onEdge;

    private bool _pressed;          // the debounced state
    private bool _inBurst;
    private DateTimeOffset _burstStart;
    private Phase _phase;
    private bool _downReported;     // an Up is reported only after its Down (not for a button held at start)

    public DebouncedButton(GpioController controller, GpioButtonOptions options, TimeProvider time, Action<ButtonEvent> publish)
    {
        _controller = controller;
        _options = options;
        _time = time;
        _publish = publish;
        _debounceTimer = time.CreateTimer(_ => Settle(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _longTimer = time.CreateTimer(_ => LongReached(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _windowTimer = time.CreateTimer(_ => WindowClosed(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _onEdge = OnEdge;
        _pressed = IsPressed(controller.Read(options.Pin));
        // a button already held when we start is ignored until it is released
        _phase = _pressed ? Phase.Held : Phase.Idle;
        controller.RegisterCallbackForPinValueChangedEvent(options.Pin, PinEventTypes.Rising | PinEventTypes.Falling, _onEdge);
    }

    private void OnEdge(object sender, PinValueChangedEventArgs e)
    {
        lock (_gate)
        {
            if (!_inBurst)
            {
                _inBurst = true;
                _burstStart = _time.GetUtcNow();
            }
            _debounceTimer.Change(_options.Debounce, Timeout.InfiniteTimeSpan);
        }
    }

    private void Settle()
    {
        lock (_gate)
        {
            _inBurst = false;
            var pressed = IsPressed(_controller.Read(_options.Pin));
            if (pressed == _pressed) return; // it bounced back to where it was
            _pressed = pressed;
            if (_options.ReportPressAndRelease && (pressed || _downReported))
            {
                _downReported = pressed;
                Publish(pressed ? ButtonGesture.Down : ButtonGesture.Up, _burstStart);
            }
            if (pressed) Down(_burstStart);
            else Up(_burstStart);
        }
    }

    private void Down(DateTimeOffset at)
    {
        switch (_phase)
        {
            case Phase.Idle:
                _phase = Phase.FirstDown;
                break;
            case Phase.WaitingForSecond:
                _windowTimer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                _phase = Phase.SecondDown;
                break;
            default:
                return;
        }
        var due = at + _options.LongPress - _time.GetUtcNow();
        if (due <= TimeSpan.Zero) LongReached();
        else _longTimer.Change(due, Timeout.InfiniteTimeSpan);
    }

    private void Up(DateTimeOffset at)
    {
        _longTimer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        switch (_phase)
        {
            case Phase.FirstDown when _options.DoublePressWindow <= TimeSpan.Zero:
                Publish(ButtonGesture.Press);
                _phase = Phase.Idle;
                break;
            case Phase.FirstDown:
                _phase = Phase.WaitingForSecond;
                var due = at + _options.DoublePressWindow - _time.GetUtcNow();
                if (due <= TimeSpan.Zero) WindowClosed();
                else _windowTimer.Change(due, Timeout.InfiniteTimeSpan);
                break;
            case Phase.SecondDown:
                Publish(ButtonGesture.DoublePress);
                _phase = Phase.Idle;
                break;
            default:
                _phase = Phase.Idle; // the release after a long press, or of a button held at start
                break;
        }
    }

    private void LongReached()
    {
        lock (_gate)
        {
            if (_phase == Phase.SecondDown) Publish(ButtonGesture.Press); // the first, short press still counts
            else if (_phase != Phase.FirstDown) return;
            Publish(ButtonGesture.LongPress);
            _phase = Phase.Held;
        }
    }

    private void WindowClosed()
    {
        lock (_gate)
        {
            if (_phase != Phase.WaitingForSecond) return;
            Publish(ButtonGesture.Press);
            _phase = Phase.Idle;
        }
    }

    private void Publish(ButtonGesture gesture) => Publish(gesture, _time.GetUtcNow());

    private void Publish(ButtonGesture gesture, DateTimeOffset at) =>
        _publish(new ButtonEvent((at - DateTimeOffset.UnixEpoch).Ticks * 100, _options.Name, gesture));

    private bool IsPressed(PinValue level) => _options.ActiveLow ? level == PinValue.Low : level == PinValue.High;

    public void Dispose()
    {
        _controller.UnregisterCallbackForPinValueChangedEvent(_options.Pin, _onEdge);
        _debounceTimer.Dispose();
        _longTimer.Dispose();
        _windowTimer.Dispose();
    }

    private enum Phase { Idle, FirstDown, WaitingForSecond, SecondDown, Held }
}
