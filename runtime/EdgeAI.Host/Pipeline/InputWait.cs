using System.Threading.Channels;

namespace EdgeAI.Host.Pipeline;

/// <summary>
/// Waits for a channel's next item with a time limit, so that a stage waiting on a quiet input still beats. At most one
/// wait on the channel is outstanding: a wait that outlived its time limit is picked up again by the next call.
/// </summary>
public sealed class InputWait<T>(ChannelReader<T> reader)
{
    private Task<bool>? _pending;

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
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(stop))
        {
            var delay = Task.Delay(limit, time, timeout.Token);
            var first = await Task.WhenAny(_pending, delay);
            await timeout.CancelAsync();
            if (first != _pending)
            {
                stop.ThrowIfCancellationRequested();
                return false;
            }
        }
        bool more = await _pending;
        _pending = null;
        return more ? true : null;
    }
}
