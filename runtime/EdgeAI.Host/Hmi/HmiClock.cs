using System.Globalization;

namespace EdgeAI.Host.Hmi;

/// <summary>
/// The replay's clock as the HMI controls it (<c>POST /api/clock</c>): running at a factor of real time (or as fast as
/// it goes), paused, or stepped by some seconds of drive and paused again, so a browser test moves the drive exactly as
/// far as it needs instead of waiting on wall time. The drive calls <see cref="WaitAsync"/> before each frame; whoever
/// posts work for the drive's thread calls <see cref="Wake"/>, and the drive does that work while it waits.
/// </summary>
public sealed class HmiClock
{
    private const long BurstNs = 5_000_000;
    private readonly object _gate = new();
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _changed = new(0);
    private double _speed;
    private bool _paused, _ended;
    private long _anchorWall, _anchorDriveNs = long.MinValue;
    private long _firstNs = long.MinValue, _positionNs = long.MinValue, _stepUntilNs = long.MinValue;
    private TaskCompletionSource? _stepDone;
    private double _pendingFirstStep;

    /// <summary>A clock at <paramref name="speed"/> (a factor of real time, or infinity), paused from the start when
    /// <paramref name="paused"/>.</summary>
    public HmiClock(TimeProvider time, double speed, bool paused)
    {
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _speed = ValidSpeed(speed);
        _paused = paused;
    }

    /// <summary>Fastest and slowest factors of real time <see cref="SetSpeed"/> takes (besides infinity).</summary>
    public const double MinSpeed = 0.1, MaxSpeed = 1000;

    /// <summary>Whether the clock is paused.</summary>
    public bool Paused { get { lock (_gate) return _paused; } }

    /// <summary>The factor of real time (infinity: as fast as it goes).</summary>
    public double Speed { get { lock (_gate) return _speed; } }

    /// <summary>Seconds of drive played so far.</summary>
    public double Seconds { get { lock (_gate) return SecondsLocked(); } }

    /// <summary>Waits until the frame at <paramref name="frameNs"/> is due; runs <paramref name="work"/> (on the caller's
    /// thread) first and whenever <see cref="Wake"/> is called meanwhile.</summary>
    public async ValueTask WaitAsync(long frameNs, Func<ValueTask> work, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(work);
        while (true)
        {
            await work().ConfigureAwait(false);
            TimeSpan delay;
            lock (_gate)
            {
                if (_firstNs == long.MinValue) { _firstNs = _positionNs = _anchorDriveNs = frameNs; _anchorWall = _time.GetTimestamp(); }
                delay = DelayLocked(frameNs);
                if (delay == TimeSpan.Zero) { _positionNs = frameNs; return; }
            }
            await _changed.WaitAsync(delay, cancellation).ConfigureAwait(false);
        }
    }

    /// <summary>Wakes a waiting <see cref="WaitAsync"/> so it runs its work (a clock change, or work posted for it).</summary>
    public void Wake()
    {
        if (_changed.CurrentCount == 0) _changed.Release();
    }

    /// <summary>Waits until <see cref="Wake"/> is called (once the drive has ended, work posted for it still runs).</summary>
    public Task WaitForWakeAsync(CancellationToken cancellation) => _changed.WaitAsync(cancellation);

    /// <summary>Pauses the drive where it is.</summary>
    public void Pause()
    {
        lock (_gate) { _paused = true; _stepUntilNs = long.MinValue; }
        Wake();
    }

    /// <summary>Lets the drive run again at its speed.</summary>
    public void Resume()
    {
        lock (_gate)
        {
            _paused = false;
            _stepUntilNs = long.MinValue;
            Anchor();
            CompleteStep();
        }
        Wake();
    }

    /// <summary>Sets the factor of real time (infinity: as fast as it goes); a paused clock stays paused.</summary>
    /// <exception cref="ArgumentOutOfRangeException">not from <see cref="MinSpeed"/> to <see cref="MaxSpeed"/> or infinity.</exception>
    public void SetSpeed(double speed)
    {
        lock (_gate)
        {
            _speed = ValidSpeed(speed);
            Anchor();
        }
        Wake();
    }

    /// <summary>Plays <paramref name="seconds"/> of drive (as fast as it goes) and pauses; the task completes when the
    /// drive has got there, or has ended.</summary>
    public Task StepAsync(double seconds)
    {
        if (!(seconds > 0) || seconds > 3600) throw new ArgumentOutOfRangeException(nameof(seconds), seconds, "expected seconds of drive above 0 and at most 3600");
        Task done;
        lock (_gate)
        {
            if (_ended) return Task.CompletedTask;
            _paused = true;
            // Before the first frame the step counts from it.
            if (_firstNs == long.MinValue) _pendingFirstStep += seconds;
            else _stepUntilNs = Math.Max(_positionNs, _stepUntilNs) + (long)(seconds * 1e9);
            _stepDone ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            done = _stepDone.Task;
        }
        Wake();
        return done;
    }

    /// <summary>The drive has ended: steps complete, nothing waits any more.</summary>
    public void MarkEnded()
    {
        lock (_gate) { _ended = true; CompleteStep(); }
    }

    /// <summary>Whether the drive has ended.</summary>
    public bool Ended { get { lock (_gate) return _ended; } }

    /// <summary>The clock's state as one JSON object: <c>{"paused", "speed", "at_s", "ended"}</c>.</summary>
    public string Json()
    {
        lock (_gate)
        {
            string speed = double.IsPositiveInfinity(_speed) ? "\"max\"" : _speed.ToString("0.###", CultureInfo.InvariantCulture);
            return string.Create(CultureInfo.InvariantCulture,
                $"{{\"paused\":{(_paused ? "true" : "false")},\"speed\":{speed},\"at_s\":{Math.Round(SecondsLocked(), 3)},\"ended\":{(_ended ? "true" : "false")}}}");
        }
    }

    private TimeSpan DelayLocked(long frameNs)
    {
        if (_paused)
        {
            if (_pendingFirstStep > 0) { _stepUntilNs = _firstNs + (long)(_pendingFirstStep * 1e9); _pendingFirstStep = 0; }
            if (frameNs <= _stepUntilNs) return TimeSpan.Zero;
            CompleteStep();
            return Timeout.InfiniteTimeSpan;
        }
        if (double.IsPositiveInfinity(_speed)) return TimeSpan.Zero;
        long aheadNs = (long)((frameNs - _anchorDriveNs) / _speed) - (long)(_time.GetElapsedTime(_anchorWall).TotalMilliseconds * 1e6);
        return aheadNs <= BurstNs ? TimeSpan.Zero : TimeSpan.FromTicks(aheadNs / 100);
    }

    private void Anchor()
    {
        _anchorWall = _time.GetTimestamp();
        _anchorDriveNs = _positionNs;
    }

    private void CompleteStep()
    {
        _stepDone?.TrySetResult();
        _stepDone = null;
    }

    private double SecondsLocked() => _firstNs == long.MinValue ? 0 : (_positionNs - _firstNs) / 1e9;

    private static double ValidSpeed(double speed) =>
        double.IsPositiveInfinity(speed) || speed is >= MinSpeed and <= MaxSpeed ? speed
            : throw new ArgumentOutOfRangeException(nameof(speed), speed, $"expected a factor of real time from {MinSpeed} to {MaxSpeed}, or max");
}
