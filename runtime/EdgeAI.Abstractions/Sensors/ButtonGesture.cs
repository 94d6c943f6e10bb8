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
}
