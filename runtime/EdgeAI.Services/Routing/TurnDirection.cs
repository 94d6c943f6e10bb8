namespace EdgeAI.Services.Routing;

/// <summary>What a driver does at a junction, from the change of bearing between the two edges.</summary>
public enum TurnDirection
{
    /// <summary>Within 20° of straight on.</summary>
    Straight,
    /// <summary>20°–45° to the right.</summary>
    SlightRight,
    /// <summary>45°–135° to the right.</summary>
    Right,
    /// <summary>135°–170° to the right.</summary>
    SharpRight,
    /// <summary>20°–45° to the left.</summary>
    SlightLeft,
    /// <summary>45°–135° to the left.</summary>
    Left,
    /// <summary>135°–170° to the left.</summary>
    SharpLeft,
    /// <summary>More than 170° either way: turning back.</summary>
    UTurn,
}
