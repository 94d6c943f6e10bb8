namespace EdgeAI.Voice.Activation;

/// <summary>One press or release of push-to-talk.</summary>
/// <param name="IsPress">True for the press (the ear opens), false for the release (the request is complete).</param>
/// <param name="At">When it happened: the button's first edge, or the moment a key was read.</param>
/// <param name="Held">For a release, how long the button was held (press to release); zero for a press.</param>
public readonly record struct PushToTalkEvent(bool IsPress, DateTimeOffset At, TimeSpan Held);
