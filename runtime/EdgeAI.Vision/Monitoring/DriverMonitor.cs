namespace EdgeAI.Vision.Monitoring;

/// <summary>
/// Driver-monitoring state machine fed one <see cref="DriverObservation"/> per frame. Between two observations
/// the earlier one's condition is taken to hold, so a glance that starts at t reaches a 3 s threshold at exactly
/// t + 3 s whatever the frame rate. Time comes from explicit timestamps (video time for files) or a
/// <see cref="TimeProvider"/> (live cameras). Allocates nothing per update. Not thread-safe.
/// </summary>
public sealed class DriverMonitor
{
    // Thresholds are compared with a little slack so that timings summed from many frame intervals fire on time.
    private const double Slack = 1e-9;
    private readonly DriverMonitorProfile _profile;
    private readonly TimeProvider? _time;
    private readonly long _started;
    private readonly (double Start, double End)[] _glances = new (double, double)[512];
    private int _glanceFirst, _glanceCount;
    private bool _hasPrevious;
    private double _previousTime, _awareness = 1, _glanceStart;
    private DistractionCause _previousCause;
    private bool _previousSuppressed;

    /// <summary>Creates a monitor; <paramref name="time"/> serves <see cref="Update(in DriverObservation)"/>.</summary>
    public DriverMonitor(DriverMonitorProfile profile, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(profile);
        _profile = profile;
        _time = time;
        _started = (time ?? TimeProvider.System).GetTimestamp();
    }

    /// <summary>The rules in force.</summary>
    public DriverMonitorProfile Profile => _profile;

    /// <summary>The verdict of the last update.</summary>
    public AttentionStatus Status { get; private set; } = new(AttentionState.Attentive, 1, DistractionCause.None, AttentionRule.None, false, 0);

    /// <summary>Glances away the visual time-sharing window forgot early because more than 512 fell inside it.</summary>
    public long ForgottenGlances { get; private set; }

    /// <summary>Updates with the time elapsed on the monitor's <see cref="TimeProvider"/> since it was created.</summary>
    public AttentionStatus Update(in DriverObservation observation) =>
        Update(observation, (_time ?? TimeProvider.System).GetElapsedTime(_started));

    /// <summary>Updates at an explicit timestamp (must not go backwards).</summary>
    public AttentionStatus Update(in DriverObservation observation, TimeSpan timestamp)
    {
        double now = timestamp.TotalSeconds;
        if (_hasPrevious && now < _previousTime)
            throw new ArgumentOutOfRangeException(nameof(timestamp), timestamp, $"observations must come in time order; the last was at {_previousTime} s");
        double dt = _hasPrevious ? now - _previousTime : 0;
        var cause = CauseOf(observation);
        bool suppressed = observation.SpeedKmh is { } speed && speed < _profile.MinimumSpeedKmh;

        // Glance bookkeeping: a glance runs from its first distracted observation to the first attentive one.
        bool wasAway = _hasPrevious && _previousCause != DistractionCause.None;
        bool away = cause != DistractionCause.None;
        if (away && !wasAway) _glanceStart = now;
        if (!away && wasAway) Remember(_glanceStart, now);
        double glance = away ? now - _glanceStart : 0;

        Status = _profile.Kind == DriverMonitorKind.Awareness
            ? UpdateAwareness(dt, cause, suppressed, glance)
            : UpdateRegulation(now, cause, suppressed, glance, observation.SpeedKmh);

        _hasPrevious = true;
        _previousTime = now;
        _previousCause = cause;
        _previousSuppressed = suppressed;
        return Status;
    }

    private DistractionCause CauseOf(in DriverObservation observation)
    {
        if (!observation.FaceVisible) return DistractionCause.NoFace;
        return Math.Abs(observation.Pose.Yaw) > _profile.YawLimit || Math.Abs(observation.Pose.Pitch) > _profile.PitchLimit
            ? DistractionCause.HeadPose : DistractionCause.None;
    }

    private AttentionStatus UpdateAwareness(double dt, DistractionCause cause, bool suppressed, double glance)
    {
        var p = _profile;
        // The interval since the last observation is judged by the condition seen at its start.
        if (_previousCause == DistractionCause.None)
            _awareness = Math.Min(1, _awareness + ((p.RecoveryFactorMax - p.RecoveryFactorMin) * (1 - _awareness) + p.RecoveryFactorMin) * dt / p.CriticalSeconds);
        else if (!_previousSuppressed)
            _awareness = Math.Max(0, _awareness - dt / (_previousCause == DistractionCause.NoFace ? p.NoFaceCriticalSeconds : p.CriticalSeconds));

        double preAlert = 1 - p.PreAlertSeconds / p.CriticalSeconds, alert = 1 - p.AlertSeconds / p.CriticalSeconds;
        var state = AttentionState.Attentive;
        if (!suppressed && !(cause == DistractionCause.None && _awareness > alert + Slack))
        {
            if (_awareness <= Slack) state = AttentionState.Critical;
            else if (_awareness <= alert + Slack) state = AttentionState.Alert;
            else if (_awareness <= preAlert + Slack) state = AttentionState.PreAlert;
        }
        var rule = state == AttentionState.Attentive ? AttentionRule.None : AttentionRule.Awareness;
        return new AttentionStatus(Unseen(state, cause), _awareness, cause, rule, suppressed, glance);
    }

    private AttentionStatus UpdateRegulation(double now, DistractionCause cause, bool suppressed, double glance, float? speedKmh)
    {
        var p = _profile;
        bool lowBand = speedKmh is { } speed && speed <= p.AddwHighSpeedKmh;
        double glanceLimit = lowBand ? p.AddwLowSpeedGlanceSeconds : p.LongGlanceSeconds;
        double shared = TimeAway(now, glance);
        _awareness = Math.Clamp(1 - Math.Max(glance / glanceLimit, shared / p.TimeSharingSeconds), 0, 1);

        var rule = AttentionRule.None;
        if (!suppressed && cause != DistractionCause.None)
        {
            if (glance >= glanceLimit - Slack) rule = lowBand ? AttentionRule.AddwLowSpeed : AttentionRule.LongDistraction;
            else if (shared > p.TimeSharingSeconds + Slack) rule = AttentionRule.VisualTimeSharing;
        }
        return new AttentionStatus(Unseen(rule == AttentionRule.None ? AttentionState.Attentive : AttentionState.Alert, cause), _awareness, cause, rule, suppressed, glance);
    }

    // No face never reads as attentive: until the profile raises an alert the state is unknown.
    private static AttentionState Unseen(AttentionState state, DistractionCause cause) =>
        state == AttentionState.Attentive && cause == DistractionCause.NoFace ? AttentionState.Unknown : state;

    // Seconds spent away within the time-sharing window ending now, the current glance included.
    private double TimeAway(double now, double currentGlance)
    {
        double windowStart = now - _profile.TimeSharingWindowSeconds;
        while (_glanceCount > 0 && _glances[_glanceFirst].End <= windowStart)
        {
            _glanceFirst = (_glanceFirst + 1) % _glances.Length;
            _glanceCount--;
        }
        double total = currentGlance > 0 ? Math.Min(currentGlance, now - windowStart) : 0;
        for (int i = 0; i < _glanceCount; i++)
        {
            var (start, end) = _glances[(_glanceFirst + i) % _glances.Length];
            total += end - Math.Max(start, windowStart);
        }
        return total;
    }

    private void Remember(double start, double end)
    {
        if (_glanceCount == _glances.Length)
        {
            _glanceFirst = (_glanceFirst + 1) % _glances.Length;
            _glanceCount--;
            ForgottenGlances++;
        }
        _glances[(_glanceFirst + _glanceCount) % _glances.Length] = (start, end);
        _glanceCount++;
    }
}
