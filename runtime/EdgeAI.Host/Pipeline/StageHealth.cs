namespace EdgeAI.Host.Pipeline;

/// <summary>
/// One stage's liveness: it calls <see cref="Beat"/> every time round its loop (also while waiting for input, at least
/// every quarter of its deadline), so that a stage that stops going round (hung in a call, starved, deadlocked) shows as
/// stalled once <see cref="Deadline"/> passes, and the watchdog stops pinging systemd.
/// </summary>
public sealed class StageHealth(string name, TimeSpan deadline, TimeProvider time)
{
    private long _lastBeat = time.GetTimestamp();
    private long _items;
    private volatile string? _detail;
    private volatile StageState _state;

    /// <summary>The stage's name (<c>can</c>, <c>gps</c>, <c>camera</c>, <c>fusion</c>, <c>assistant</c>, <c>outputs</c>).</summary>
    public string Name { get; } = name;

    /// <summary>The longest a stage may go without a beat before it counts as stalled.</summary>
    public TimeSpan Deadline { get; } = deadline;

    /// <summary>Where the stage is.</summary>
    public StageState State => _state;

    /// <summary>What the stage reports besides its state (a lost device and its retry, the replay's end), or null.</summary>
    public string? Detail { get => _detail; set => _detail = value; }

    /// <summary>Items the stage has handled.</summary>
    public long Items => Interlocked.Read(ref _items);

    /// <summary>Time since the last beat.</summary>
    public TimeSpan SinceBeat => time.GetElapsedTime(Interlocked.Read(ref _lastBeat));

    /// <summary>True while the stage runs and its last beat is older than its deadline.</summary>
    public bool IsStalled => _state is StageState.Running or StageState.Ended && SinceBeat > Deadline;

    /// <summary>The stage is running.</summary>
    public void Started()
    {
        Beat();
        _state = StageState.Running;
    }

    /// <summary>The stage went round its loop.</summary>
    public void Beat() => Interlocked.Exchange(ref _lastBeat, time.GetTimestamp());

    /// <summary>The stage handled <paramref name="items"/> items (and so went round its loop).</summary>
    public void Progress(long items = 1)
    {
        Interlocked.Add(ref _items, items);
        Beat();
    }

    /// <summary>The stage's input ended; <paramref name="detail"/> says how.</summary>
    public void Ended(string detail)
    {
        _detail = detail;
        _state = StageState.Ended;
        Beat();
    }

    /// <summary>The stage stopped on shutdown.</summary>
    public void Stopped() => _state = StageState.Stopped;

    /// <summary>The stage failed with <paramref name="reason"/>.</summary>
    public void Faulted(string reason)
    {
        _detail = reason;
        _state = StageState.Faulted;
    }
}
