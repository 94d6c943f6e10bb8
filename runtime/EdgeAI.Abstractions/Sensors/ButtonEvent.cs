namespace EdgeAI.Sensors;

/// <summary>One gesture on one button.</summary>
/// <param name="TimestampNs">When the gesture was recognised (<see cref="ButtonGesture.Down"/>/<see cref="ButtonGesture.Up"/>: when the line first moved), ns since the Unix epoch (UTC), from the source's TimeProvider.</param>
/// <param name="Button">The button's configured name, e.g. <c>push-to-talk</c> or <c>dismiss</c>.</param>
/// <param name="Gesture">What was done.</param>
public readonly record struct ButtonEvent(long TimestampNs, string Button, ButtonGesture Gesture);
