namespace EdgeAI.Can.Replay;

/// <summary>A target that went bus-off during a replay.</summary>
/// <param name="Target">The interface's name.</param>
/// <param name="At">Replay time (since the replay started) when a frame found the target bus-off.</param>
/// <param name="RecordingTime">Recording time (since the first frame, loops continued) of that frame.</param>
/// <param name="RecoveredAfter">How long until the target took a frame again; null while it is still off.</param>
/// <param name="FramesWaiting">Frames that fell due while the target was off and went out once it recovered.</param>
public sealed record CanReplayBusOff(string Target, TimeSpan At, TimeSpan RecordingTime, TimeSpan? RecoveredAfter, long FramesWaiting);
