namespace EdgeAI.Can;

/// <summary>CAN controller fault-confinement state (ISO 11898-1), plus the states an interface can be in outside it.</summary>
public enum CanBusState
{
    /// <summary>Not known yet (no error frame or status seen).</summary>
    Unknown = 0,
    /// <summary>Normal operation: error counters below 96.</summary>
    ErrorActive,
    /// <summary>An error counter reached the warning level (96).</summary>
    ErrorWarning,
    /// <summary>An error counter exceeded 127: the node may only send passive error flags.</summary>
    ErrorPassive,
    /// <summary>Transmit error counter exceeded 255: the node is off the bus until it recovers.</summary>
    BusOff,
    /// <summary>The interface is down or closed.</summary>
    Stopped,
}
