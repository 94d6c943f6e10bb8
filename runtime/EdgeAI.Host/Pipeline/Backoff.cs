namespace EdgeAI.Host.Pipeline;

/// <summary>Waits between tries to reopen a lost device: <see cref="First"/>, doubling up to <see cref="Max"/>, and back
/// to <see cref="First"/> once the device works again.</summary>
public sealed class Backoff(TimeSpan first, TimeSpan max)
{
    private TimeSpan _next = first;

    /// <summary>The first wait.</summary>
    public TimeSpan First { get; } = first;

    /// <summary>The longest wait.</summary>
    public TimeSpan Max { get; } = max;

    /// <summary>The wait before the next try.</summary>
    public TimeSpan Current => _next;

    /// <summary>The device works: the next loss waits <see cref="First"/> again.</summary>
    public void Reset() => _next = First;

    /// <summary>Returns the wait before the next try, and doubles the one after it (up to <see cref="Max"/>).</summary>
    public TimeSpan Next()
    {
        var wait = _next;
        _next = TimeSpan.FromTicks(Math.Min(_next.Ticks * 2, Max.Ticks));
        return wait;
    }
}
