using EdgeAI.Can.Filters;

namespace EdgeAI.Can.Replay;

/// <summary>How <see cref="CanReplay"/> plays a log.</summary>
public sealed record CanReplayOptions
{
    /// <summary>Factor of real time (e.g. 0.1 .. 100); <see cref="double.PositiveInfinity"/> sends as fast as the targets take frames.</summary>
    public double Speed { get; init; } = 1;

    /// <summary>Times to play the log; 0 repeats until cancelled. Each repeat continues the schedule where the last ended.</summary>
    public int Loops { get; init; } = 1;

    /// <summary>Makes the filter for one pass over the log (ids, channel, time window) from the reader's channel table; null sends
    /// every frame. Time zero of the schedule is the first frame the filter accepts.</summary>
    public Func<CanChannelTable, CanFrameFilter>? Filter { get; init; }

    /// <summary>How long before a frame is due the replay stops sleeping and spins, because timers wake late.
    /// Null: 2 ms on <see cref="TimeProvider.System"/> (timer wake-ups on a busy machine are often a millisecond or more late),
    /// none on any other (virtual) clock.</summary>
    public TimeSpan? SpinWindow { get; init; }

    /// <summary>Called when a target goes bus-off (<see cref="CanReplayBusOff.RecoveredAfter"/> null) and when it took a
    /// frame again; on the replay's thread.</summary>
    public Action<CanReplayBusOff>? BusOffChanged { get; init; }

    /// <summary>True when <see cref="Speed"/> is "as fast as possible".</summary>
    public bool IsMaxSpeed => double.IsPositiveInfinity(Speed);
}
