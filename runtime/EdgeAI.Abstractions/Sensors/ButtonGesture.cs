namespace EdgeAI.Sensors;

/// <summary>What the user did with a button.</summary>
public enum ButtonGesture
{
    /// <summary>A short press, reported at release (once the double-press window, if any, has passed).</summary>
    Press = 0,
    /// <summary>Held past the long-press threshold, reported at the threshold while still held.</summary>
    LongPress = 1,
    /// <summary>Two short presses within the double-press window, reported at the second release.</summary>
    DoublePress = 2,
    /// <summary>The debounced press itself (push-to-talk), dated at the first edge of its burst; reported only for a
    /// button that asks for edges, once the line has settled.</summary>
    Down = 3,
    /// <summary>The debounced release of a <see cref="Down"/>, dated at the first edge of its burst.</summary>
    Up = 4,
}
