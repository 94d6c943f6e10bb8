using EdgeAI.Vision.Monitoring;
using EdgeAI.Vision.Pose;

namespace EdgeAI.Vision.Tests.Monitoring;

/// <summary>Feeds a monitor a scripted pose sequence at a fixed frame rate on explicit timestamps and logs every verdict.</summary>
internal sealed class ScriptedDrive(DriverMonitor monitor, int framesPerSecond = 20)
{
    private readonly TimeSpan _frame = TimeSpan.FromTicks(TimeSpan.TicksPerSecond / framesPerSecond);
    public readonly List<(TimeSpan At, AttentionStatus Status)> Log = [];
    public TimeSpan Now { get; private set; }

    public static DriverObservation Looking(float yaw = 0, float pitch = 0, float? speed = null) => new(true, new HeadPose(yaw, pitch), speed);

    /// <summary>Feeds <paramref name="observation"/> on every frame from now for <paramref name="seconds"/>.</summary>
    public ScriptedDrive Hold(DriverObservation observation, double seconds)
    {
        var end = Now + TimeSpan.FromSeconds(seconds);
        for (; Now < end; Now += _frame) Log.Add((Now, monitor.Update(observation, Now)));
        return this;
    }

    /// <summary>When a verdict first matched, or null.</summary>
    public TimeSpan? First(Func<AttentionStatus, bool> match, TimeSpan? after = null)
    {
        foreach (var (at, status) in Log)
            if (at >= (after ?? TimeSpan.Zero) && match(status)) return at;
        return null;
    }

    public TimeSpan? FirstState(AttentionState state, TimeSpan? after = null) => First(s => s.State == state, after);

    public static TimeSpan Seconds(double s) => TimeSpan.FromSeconds(s);
}
