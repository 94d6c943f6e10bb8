namespace EdgeAI.Sensors;

/// <summary>What a status LED shows.</summary>
public enum StatusLedMode
{
    /// <summary>Dark.</summary>
    Off = 0,
    /// <summary>Lit steadily.</summary>
    On = 1,
    /// <summary>Toggling every half period.</summary>
    Blink = 2,
}
