using System.Threading.Tasks.Sources;

namespace EdgeAI.Drivers.Simulated;

/// <summary>
/// A reusable wake-up for one waiter at a time (the node's sender or its receiver), so waiting allocates nothing.
/// The bus decides to wake under its lock and calls <see cref="Set"/> after releasing it; the continuation runs
/// inline, which keeps replays on a virtual clock deterministic.
/// </summary>
internal sealed class NodeSignal : IValueTaskSource<bool>
{
    private ManualResetValueTaskSourceCore<bool> _core;
    private CancellationTokenRegistration _registration;
    private int _waiting;

    /// <summary>True while a waiter is parked.</summary>
    public bool IsWaiting => Volatile.Read(ref _waiting) == 1;

    /// <summary>Parks the caller until <see cref="Set"/> or cancellation. Call under the bus lock after checking the condition.</summary>
    public ValueTask<bool> WaitAsync(CancellationToken cancellation)
    {
        if (Interlocked.CompareExchange(ref _waiting, 1, 0) != 0)
            throw new InvalidOperationException("a simulated CAN node allows one waiter per direction at a time");
        _core.Reset();
        if (cancellation.CanBeCanceled)
            _registration = cancellation.UnsafeRegister(static (state, token) => ((NodeSignal)state!).Cancel(token), this);
        return new ValueTask<bool>(this, _core.Version);
    }

    /// <summary>Wakes the waiter, if any, with <paramref name="result"/>.</summary>
    public void Set(bool result)
    {
        if (Interlocked.Exchange(ref _waiting, 0) != 1) return;
        _registration.Unregister();
        _core.SetResult(result);
    }

    private void Cancel(CancellationToken token)
    {
        if (Interlocked.Exchange(ref _waiting, 0) != 1) return;
        _core.SetException(new OperationCanceledException(token));
    }

    public bool GetResult(short token) => _core.GetResult(token);
    public ValueTaskSourceStatus GetStatus(short token) => _core.GetStatus(token);
    public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);
}
