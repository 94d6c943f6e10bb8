using System.Threading.Channels;
using EdgeAI.Sensors;

namespace EdgeAI.Drivers.Simulated;

/// <summary>
/// Button gestures from a script on a clock: each <c>(At, Button, Gesture)</c> entry is published when the
/// <see cref="TimeProvider"/> reaches <c>At</c> after construction (a virtual clock in tests, demo and HIL). Use it
/// where the gestures themselves are the input; to exercise debounce and gesture timing, drive a
/// <see cref="SimulatedGpioDriver"/> under the real GPIO button driver instead.
/// </summary>
public sealed class ScriptedButtonInput : IButtonInput
{
    private readonly Channel<ButtonEvent> _events;
    private readonly ITimer[] _timers;
    private long _dropped;

    /// <summary>Schedules every entry of <paramref name="script"/> on <paramref name="time"/>.</summary>
    public ScriptedButtonInput(IEnumerable<(TimeSpan At, string Button, ButtonGesture Gesture)> script, TimeProvider time, int capacity = 64)
    {
        _events = Channel.CreateBounded<ButtonEvent>(
            new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = false },
            _ => Interlocked.Increment(ref _dropped));
        var timers = new List<ITimer>();
        foreach (var (at, button, gesture) in script)
        {
            if (at < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(script), at, $"button script entry for '{button}': expected a time not before the start");
            timers.Add(time.CreateTimer(_ =>
            {
                var ns = (time.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks * 100;
                _events.Writer.TryWrite(new ButtonEvent(ns, button, gesture));
            }, null, at, Timeout.InfiniteTimeSpan));
        }
        _timers = [.. timers];
    }

    /// <inheritdoc />
    public ChannelReader<ButtonEvent> Events => _events.Reader;

    /// <inheritdoc />
    public long EventsDropped => Interlocked.Read(ref _dropped);

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var timer in _timers) timer.Dispose();
        _events.Writer.TryComplete();
    }
}
