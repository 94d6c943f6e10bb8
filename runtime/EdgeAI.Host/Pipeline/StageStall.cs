namespace EdgeAI.Host.Pipeline;

/// <summary>An injected fault: stage <see cref="Stage"/> hangs from <see cref="After"/> after it started, for
/// <see cref="For"/> (tests of the watchdog, and HIL's <c>stage_stall</c>).</summary>
/// <param name="Stage">The stage's name.</param>
/// <param name="After">When the stall starts, from the stage's start.</param>
/// <param name="For">How long it lasts.</param>
public sealed record StageStall(string Stage, TimeSpan After, TimeSpan For)
{
    /// <summary>How much of the stall is left at <paramref name="sinceStart"/>, or null outside it.</summary>
    public TimeSpan? RemainingAt(TimeSpan sinceStart) =>
        sinceStart >= After && sinceStart < After + For ? After + For - sinceStart : null;
}
