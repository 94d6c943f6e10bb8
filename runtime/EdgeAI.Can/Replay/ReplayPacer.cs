namespace EdgeAI.Can.Replay;

/// <summary>
/// Paces recorded frames on a <see cref="TimeProvider"/>: frame k is due at start + (t_k - t_0) / speed.
/// Frames due within a millisecond of now go at once, so the caller batches naturally.
/// Speed <see cref="double.PositiveInfinity"/> replays as fast as the consumer takes frames.
/// </summary>
public sealed class ReplayPacer
{
    private static readonly TimeSpan BatchWindow = TimeSpan.FromMilliseconds(1);
    private readonly TimeProvider _time;
    private long _firstNs = long.MinValue;
    private long _startTimestamp;

    /// <summary>Creates a pacer; <paramref name="speed"/> is a factor of real time (0.1 .. 100, or infinity).</summary>
    public ReplayPacer(TimeProvider time, double speed)
    {
        if (!(speed > 0)) throw new ArgumentOutOfRangeException(nameof(speed), speed, "speed must be above 0");
        _time = time;
        Speed = speed;
    }

    /// <summary>Factor of real time.</summary>
    public double Speed { get; }

    /// <summary>Recorded seconds from the first frame to <paramref name="frameNs"/>.</summary>
    public double RecordedSeconds(long frameNs) => _firstNs == long.MinValue ? 0 : (frameNs - _firstNs) / 1e9;

    /// <summary>Completes when the frame recorded at <paramref name="frameNs"/> is due.</summary>
    public ValueTask WaitAsync(long frameNs, CancellationToken cancellation = default)
    {
        if (_firstNs == long.MinValue)
        {
            _firstNs = frameNs;
            _startTimestamp = _time.GetTimestamp();
            return ValueTask.CompletedTask;
        }
        if (double.IsPositiveInfinity(Speed)) return ValueTask.CompletedTask;
        var due = TimeSpan.FromSeconds((frameNs - _firstNs) / 1e9 / Speed);
        var wait = due - _time.GetElapsedTime(_startTimestamp);
        return wait <= BatchWindow ? ValueTask.CompletedTask : new ValueTask(Task.Delay(wait, _time, cancellation));
    }
}
