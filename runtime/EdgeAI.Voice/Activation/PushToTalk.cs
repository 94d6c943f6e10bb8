using System.Threading.Channels;
using EdgeAI.Sensors;

namespace EdgeAI.Voice.Activation;

/// <summary>
/// Push-to-talk as an activation source: press opens the ear, release closes it. Fed by a GPIO button (its debounced
/// <see cref="ButtonGesture.Down"/>/<see cref="ButtonGesture.Up"/>, dated at the line's first edge; open the button with
/// <c>ReportPressAndRelease</c>), or by a key in the CLI (a terminal reports no key release, so a key
/// <see cref="Toggle"/>s). Presses and releases come out in <see cref="Events"/> with their times, strictly alternating:
/// a second press while held, or a release while not held, is ignored and counted in <see cref="Ignored"/>.
/// </summary>
public sealed class PushToTalk
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly Channel<PushToTalkEvent> _events;
    private DateTimeOffset _pressedAt;
    private bool _held;
    private long _ignored, _dropped;

    /// <summary>Push-to-talk on <paramref name="time"/>'s clock (default: the system clock).</summary>
    /// <param name="time">The clock that dates key presses.</param>
    /// <param name="capacity">Events kept for a reader that lags (bounded; the oldest is dropped and counted).</param>
    public PushToTalk(TimeProvider? time = null, int capacity = 16)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _time = time ?? TimeProvider.System;
        _events = Channel.CreateBounded<PushToTalkEvent>(
            new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            _ => Interlocked.Increment(ref _dropped));
    }

    /// <summary>Presses and releases, in order. Completes when <see cref="Complete"/> is called.</summary>
    public ChannelReader<PushToTalkEvent> Events => _events.Reader;

    /// <summary>Whether push-to-talk is held now.</summary>
    public bool IsHeld
    {
        get { lock (_gate) return _held; }
    }

    /// <summary>Presses while held and releases while not held, which were ignored.</summary>
    public long Ignored => Interlocked.Read(ref _ignored);

    /// <summary>Events dropped because nobody read <see cref="Events"/>.</summary>
    public long EventsDropped => Interlocked.Read(ref _dropped);

    /// <summary>The press, at <paramref name="at"/> (default: now on the clock). False when already held.</summary>
    public bool Press(DateTimeOffset? at = null)
    {
        lock (_gate)
        {
            if (_held) return Ignore();
            _held = true;
            _pressedAt = at ?? _time.GetUtcNow();
            _events.Writer.TryWrite(new PushToTalkEvent(true, _pressedAt, TimeSpan.Zero));
            return true;
        }
    }

    /// <summary>The release, at <paramref name="at"/> (default: now on the clock). False when not held.</summary>
    public bool Release(DateTimeOffset? at = null)
    {
        lock (_gate)
        {
            if (!_held) return Ignore();
            _held = false;
            var when = at ?? _time.GetUtcNow();
            _events.Writer.TryWrite(new PushToTalkEvent(false, when, when - _pressedAt));
            return true;
        }
    }

    /// <summary>A key that has no release (Enter on a terminal): presses when not held, else releases.</summary>
    public void Toggle(DateTimeOffset? at = null)
    {
        lock (_gate)
        {
            if (_held) Release(at);
            else Press(at);
        }
    }

    /// <summary>
    /// Follows the button called <paramref name="button"/> on <paramref name="buttons"/> (its
    /// <see cref="ButtonGesture.Down"/> and <see cref="ButtonGesture.Up"/>; other buttons and gestures are passed over)
    /// until the input completes or <paramref name="cancellation"/> fires.
    /// </summary>
    public async Task FollowAsync(IButtonInput buttons, string button, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(buttons);
        ArgumentNullException.ThrowIfNull(button);
        var reader = buttons.Events;
        while (await reader.WaitToReadAsync(cancellation).ConfigureAwait(false))
            while (reader.TryRead(out var e))
                Follow(e, button);
    }

    /// <summary>Applies one button event when it is <paramref name="button"/>'s press or release.</summary>
    public void Follow(ButtonEvent e, string button)
    {
        if (!string.Equals(e.Button, button, StringComparison.Ordinal)) return;
        var at = DateTimeOffset.UnixEpoch + TimeSpan.FromTicks(e.TimestampNs / 100);
        if (e.Gesture == ButtonGesture.Down) Press(at);
        else if (e.Gesture == ButtonGesture.Up) Release(at);
    }

    /// <summary>No more presses: completes <see cref="Events"/>.</summary>
    public void Complete() => _events.Writer.TryComplete();

    private bool Ignore()
    {
        Interlocked.Increment(ref _ignored);
        return false;
    }
}
