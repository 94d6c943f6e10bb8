namespace EdgeAI.Host.Pipeline;

/// <summary>Where a stage is in its life.</summary>
public enum StageState
{
    /// <summary>Not running yet.</summary>
    Starting,
    /// <summary>Running; its progress counts for the watchdog.</summary>
    Running,
    /// <summary>Its input ended (the replay finished); it still answers, and counts as healthy.</summary>
    Ended,
    /// <summary>It stopped on shutdown.</summary>
    Stopped,
    /// <summary>It failed; <see cref="StageHealth.Detail"/> says why.</summary>
    Faulted,
}
