using System.Threading.Channels;

namespace EdgeAI.Host.Pipeline;

/// <summary>
/// Waits for a channel's next item with a time limit, so that a stage waiting on a quiet input still beats. At most one
/// wait on the channel is outstanding: a wait that outlived its time limit is picked up again by the next call; and at
/// most one timer, shared by the waits that fall within its limit.
/// </summary>
public sealed class InputWait<T>(ChannelReader<T> reader)
{
    private Task<bool>? _pending;
    private Task? _limit;

    /// <summary>The channel's reader.</summary>
    public ChannelReader<T> Reader { get; } = reader;

    /// <summary>True when input is there, false when <paramref name="limit"/> passed first, null when the channel is
    /// completed and empty.</summary>
    public async ValueTask<bool?> WaitAsync(TimeSpan limit, TimeProvider time, CancellationToken stop)
    {
        if (Reader.TryPeek(out _)) return true;
        if (_pending is null)
        {
            var wait = Reader.WaitToReadAsync(stop);
            if (wait.IsCompletedSuccessfully) return wait.Result ? true : null;
            _pending = wait.AsTask();
        }
        // One timer per time limit, shared by the waits that fall within it: a stage woken for every burst of input
        // does not start (and cancel) a timer each time. A wait may so end a little before its limit: an early beat.
        if (_limit is null || _limit.IsCompleted) _limit = Task.Delay(limit, time, stop);
        if (await Task.WhenAny(_pending, _limit) != _pending)
        {
            stop.ThrowIfCancellationRequested();
            return false;
        }
        bool more = await _pending;
        _pending = null;
        return more ? true : null;
    }
}
