namespace EdgeAI.Host.Pipeline;

/// <summary>
/// The drive's clock, shared by the stages: recording time (ns since the Unix epoch, as the CAN log, GPS and cabin clip
/// carry it) mapped onto the wall clock at a replay speed, anchored at the first CAN frame. A live bus runs at speed 1
/// on its own timestamps. At <c>max</c> speed there is no wall mapping: the drive's time is the newest frame seen, and
/// the other inputs follow it.
/// </summary>
public sealed class DriveClock(TimeProvider time, double speed)
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(10);
    private readonly Lock _gate = new();
    private long _anchorNs = long.MinValue, _anchorTs, _latestNs = long.MinValue;

    /// <summary>The replay speed (a factor of real time; infinity for as fast as possible).</summary>
    public double Speed { get; } = speed > 0 ? speed : throw new ArgumentOutOfRangeException(nameof(speed), "expected a speed above 0");

    /// <summary>The wall clock.</summary>
    public TimeProvider Time { get; } = time;

    /// <summary>True once the first frame has set the clock.</summary>
    public bool IsAnchored => Interlocked.Read(ref _anchorNs) != long.MinValue;

    /// <summary>The first frame's recording time, or <see cref="long.MinValue"/> before it.</summary>
    public long StartNs => Interlocked.Read(ref _anchorNs);

    /// <summary>Sets the clock at the first frame (later calls do nothing).</summary>
    public void Anchor(long recordingNs)
    {
        lock (_gate)
        {
            if (_anchorNs != long.MinValue) return;
            _anchorTs = Time.GetTimestamp();
            _latestNs = recordingNs;
            Interlocked.Exchange(ref _anchorNs, recordingNs);
        }
    }

    /// <summary>A frame of <paramref name="recordingNs"/> went in (at <c>max</c> speed this moves the clock).</summary>
    public void Observe(long recordingNs)
    {
        if (recordingNs > Interlocked.Read(ref _latestNs)) Interlocked.Exchange(ref _latestNs, recordingNs);
    }

    /// <summary>The drive's time now, or <see cref="long.MinValue"/> before the first frame.</summary>
    public long NowNs
    {
        get
        {
            if (!IsAnchored) return long.MinValue;
            if (double.IsPositiveInfinity(Speed)) return Interlocked.Read(ref _latestNs);
            return _anchorNs + (long)(Time.GetElapsedTime(_anchorTs).Ticks * 100 * Speed);
        }
    }

    /// <summary>How far the wall clock is past the moment <paramref name="recordingNs"/> was due (0 at <c>max</c> speed).</summary>
    public TimeSpan LagOf(long recordingNs)
    {
        if (!IsAnchored || double.IsPositiveInfinity(Speed)) return TimeSpan.Zero;
        double dueS = (recordingNs - _anchorNs) / 1e9 / Speed;
        return Time.GetElapsedTime(_anchorTs) - TimeSpan.FromSeconds(dueS);
    }

    /// <summary>Waits until the drive's time reaches <paramref name="recordingNs"/> (after the first frame). At max speed
    /// nothing waits on the clock (the GPS and camera follow fusion's watermarks instead): it returns at once.</summary>
    public async ValueTask WaitUntilAsync(long recordingNs, CancellationToken cancellation)
    {
        if (double.IsPositiveInfinity(Speed)) return;
        while (!IsAnchored) await Task.Delay(Poll, Time, cancellation);
        var wait = -LagOf(recordingNs);
        if (wait > TimeSpan.Zero) await Task.Delay(wait, Time, cancellation);
    }
}
