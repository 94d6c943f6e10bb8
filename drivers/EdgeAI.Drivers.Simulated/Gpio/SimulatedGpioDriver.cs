using System.Device.Gpio;

namespace EdgeAI.Drivers.Simulated;

/// <summary>
/// A GPIO chip in memory, for the real <see cref="GpioController"/>: lines 0..<see cref="PinCount"/>-1 that a test or
/// HIL script drives from outside with <see cref="SetInput"/> (a button, bouncing or not) and whose outputs (an LED) it
/// reads back. Edges reach registered callbacks synchronously on the caller's thread, so a virtual clock that advances
/// between <see cref="SetInput"/> calls gives a deterministic timeline. An input line idles at its pull level
/// (high with a pull-up, low otherwise) until driven.
/// </summary>
public sealed class SimulatedGpioDriver : GpioDriver
{
    private readonly Lock _gate = new();
    private readonly Line[] _lines;

    /// <summary>A chip named <paramref name="chipName"/> with <paramref name="pinCount"/> lines.</summary>
    public SimulatedGpioDriver(int pinCount, string chipName = "gpiochip0")
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pinCount);
        ChipName = chipName;
        _lines = new Line[pinCount];
        for (var i = 0; i < pinCount; i++) _lines[i] = new Line();
    }

    /// <summary>The chip's name, as a real board's <c>/dev/gpiochipN</c>.</summary>
    public string ChipName { get; }

    /// <inheritdoc />
    protected override int PinCount => _lines.Length;

    /// <summary>Drives an input line from outside (a switch closing to ground drives it low); fires the edge callbacks.</summary>
    public void SetInput(int pin, PinValue level)
    {
        PinChangeEventHandler[] handlers;
        PinEventTypes edge;
        lock (_gate)
        {
            var line = Get(pin);
            var before = Level(line);
            line.Driven = level;
            if (before == level || line.Mode == PinMode.Output) return;
            edge = level == PinValue.High ? PinEventTypes.Rising : PinEventTypes.Falling;
            handlers = line.Handlers.Where(h => (h.Types & edge) != 0).Select(h => h.Handler).ToArray();
        }
        var args = new PinValueChangedEventArgs(edge, pin);
        foreach (var handler in handlers) handler(this, args);
    }

    /// <summary>The level a line shows now (an output's written value, an input's driven or pulled level).</summary>
    public PinValue LevelOf(int pin)
    {
        lock (_gate) return Level(Get(pin));
    }

    /// <summary>Whether the line is open.</summary>
    public bool IsOpen(int pin)
    {
        lock (_gate) return Get(pin).Open;
    }

    /// <summary>Values written to an output line so far.</summary>
    public int WriteCount(int pin)
    {
        lock (_gate) return Get(pin).Writes;
    }

    /// <inheritdoc />
    protected override void OpenPin(int pinNumber)
    {
        lock (_gate) Get(pinNumber).Open = true;
    }

    /// <inheritdoc />
    protected override void ClosePin(int pinNumber)
    {
        lock (_gate)
        {
            var line = Get(pinNumber);
            line.Open = false;
            line.Handlers.Clear();
        }
    }

    /// <inheritdoc />
    protected override void SetPinMode(int pinNumber, PinMode mode)
    {
        lock (_gate) Get(pinNumber).Mode = mode;
    }

    /// <inheritdoc />
    protected override PinMode GetPinMode(int pinNumber)
    {
        lock (_gate) return Get(pinNumber).Mode;
    }

    /// <inheritdoc />
    protected override bool IsPinModeSupported(int pinNumber, PinMode mode) =>
        mode is PinMode.Input or PinMode.Output or PinMode.InputPullUp or PinMode.InputPullDown;

    /// <inheritdoc />
    protected override PinValue Read(int pinNumber)
    {
        lock (_gate) return Level(Get(pinNumber));
    }

    /// <inheritdoc />
    protected override void Write(int pinNumber, PinValue value)
    {
        lock (_gate)
        {
            var line = Get(pinNumber);
            line.Output = value;
            line.Writes++;
        }
    }

    /// <inheritdoc />
    protected override WaitForEventResult WaitForEvent(int pinNumber, PinEventTypes eventTypes, CancellationToken cancellationToken)
    {
        using var signal = new ManualResetEventSlim();
        var type = PinEventTypes.None;
        void OnEdge(object sender, PinValueChangedEventArgs e)
        {
            type = e.ChangeType;
            signal.Set();
        }
        AddCallbackForPinValueChangedEvent(pinNumber, eventTypes, OnEdge);
        try
        {
            signal.Wait(cancellationToken);
            return new WaitForEventResult { EventTypes = type, TimedOut = false };
        }
        catch (OperationCanceledException)
        {
            return new WaitForEventResult { EventTypes = PinEventTypes.None, TimedOut = true };
        }
        finally
        {
            RemoveCallbackForPinValueChangedEvent(pinNumber, OnEdge);
        }
    }

    /// <inheritdoc />
    protected override void AddCallbackForPinValueChangedEvent(int pinNumber, PinEventTypes eventTypes, PinChangeEventHandler callback)
    {
        lock (_gate) Get(pinNumber).Handlers.Add((eventTypes, callback));
    }

    /// <inheritdoc />
    protected override void RemoveCallbackForPinValueChangedEvent(int pinNumber, PinChangeEventHandler callback)
    {
        lock (_gate) Get(pinNumber).Handlers.RemoveAll(h => h.Handler == callback);
    }

    private Line Get(int pin)
    {
        if ((uint)pin >= (uint)_lines.Length)
            throw new ArgumentOutOfRangeException(nameof(pin), pin, $"{ChipName} has no line {pin} (it has lines 0..{_lines.Length - 1})");
        return _lines[pin];
    }

    private static PinValue Level(Line line) => line.Mode switch
    {
        PinMode.Output => line.Output,
        _ when line.Driven is { } driven => driven,
        PinMode.InputPullUp => PinValue.High,
        _ => PinValue.Low,
    };

    private sealed class Line
    {
        public bool Open;
        public PinMode Mode = PinMode.Input;
        public PinValue Output = PinValue.Low;
        public PinValue? Driven;
        public int Writes;
        public readonly List<(PinEventTypes Types, PinChangeEventHandler Handler)> Handlers = [];
    }
}
