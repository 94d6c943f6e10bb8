using System.Threading.Tasks.Sources;

namespace EdgeAI.Can.Replay;

/// <summary>
/// Waits until an absolute point of the replay schedule. Sleeps on a <see cref="TimeProvider"/> timer (reused, so a
/// wait allocates nothing) and, on a real clock, spins the last stretch, because timers wake about a millisecond late.
/// On a virtual clock the spin window is zero and a frame is released exactly when the clock reaches it.
/// </summary>
internal sealed class ReplayClock : IValueTaskSource, IDisposable
{
    private readonly TimeProvider _time;
    private readonly long _startTimestamp;
    private readonly long _spinNs;
    private readonly ITimer _timer;
    private readonly CancellationTokenRegistration _registration;
    private readonly CancellationToken _cancellation;
    private ManualResetValueTaskSourceCore<bool> _core;
    private long _dueNs;
    private int _waiting;

    public ReplayClock(TimeProvider time, TimeSpan spinWindow, CancellationToken cancellation)
    {
        _time = time;
        _spinNs = spinWindow.Ticks * 100;
        _cancellation = cancellation;
        _timer = time.CreateTimer(static state => ((ReplayClock)state!).OnTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _registration = cancellation.UnsafeRegister(static state => ((ReplayClock)state!).OnCancel(), this);
        _startTimestamp = time.GetTimestamp();
    }

    /// <summary>Nanoseconds since the clock was created.</summary>
    public long NowNs()
    {
        long ticks = _time.GetTimestamp() - _startTimestamp;
        long frequency = _time.TimestampFrequency;
        return ticks / frequency * 1_000_000_000 + ticks % frequency * 1_000_000_000 / frequency;
    }

    /// <summary>Completes at <paramref name="dueNs"/> (ns since creation) or at once when that has passed.</summary>
    public ValueTask WaitUntilAsync(long dueNs)
    {
        long sleepNs = dueNs - NowNs() - _spinNs;
        if (sleepNs <= 0)
        {
            Spin(dueNs);
            return ValueTask.CompletedTask;
        }
        _cancellation.ThrowIfCancellationRequested();
        _dueNs = dueNs;
        _core.Reset();
        Volatile.Write(ref _waiting, 1);
        _timer.Change(TimeSpan.FromTicks((sleepNs + 99) / 100), Timeout.InfiniteTimeSpan);
        return new ValueTask(this, _core.Version);
    }

    private void Spin(long dueNs)
    {
        if (_spinNs == 0) return;
        while (NowNs() < dueNs) Thread.SpinWait(8);
    }

    private void OnTimer()
    {
        if (Volatile.Read(ref _waiting) == 0) return;
        long left = _dueNs - NowNs();
        // A timer may fire early (real timers round to milliseconds): sleep again unless the spin covers the rest.
        if (left > _spinNs)
        {
            _timer.Change(TimeSpan.FromTicks((left - _spinNs + 99) / 100), Timeout.InfiniteTimeSpan);
            return;
        }
        Spin(_dueNs);
        if (Interlocked.Exchange(ref _waiting, 0) == 1) _core.SetResult(true);
    }

    private void OnCancel()
    {
        if (Interlocked.Exchange(ref _waiting, 0) == 1) _core.SetException(new OperationCanceledException(_cancellation));
    }

    public void GetResult(short token) => _core.GetResult(token);
    public ValueTaskSourceStatus GetStatus(short token) => _core.GetStatus(token);
    public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);

    public void Dispose()
    {
        _registration.Dispose();
        _timer.Dispose();
    }
}
