namespace EdgeAI.Services.TrafficLights;

/// <summary>
/// The state of a signal group, named after SAE J2735's <c>MovementPhaseState</c>; the feed writes the J2735 names
/// (see <see cref="MovementPhaseStates"/>).
/// </summary>
public enum MovementPhaseState
{
    /// <summary>No information ("unavailable").</summary>
    Unavailable,
    /// <summary>The signal is off, nothing shown ("dark"; SUMO 'O').</summary>
    Dark,
    /// <summary>Flashing red: stop, then go when clear ("stop-Then-Proceed"; SUMO 's').</summary>
    StopThenProceed,
    /// <summary>Red ("stop-And-Remain"; SUMO 'r').</summary>
    StopAndRemain,
    /// <summary>Red and yellow before green ("pre-Movement"; SUMO 'u').</summary>
    PreMovement,
    /// <summary>Green, yielding to conflicting traffic ("permissive-Movement-Allowed"; SUMO 'g').</summary>
    PermissiveMovementAllowed,
    /// <summary>Green with priority ("protected-Movement-Allowed"; SUMO 'G').</summary>
    ProtectedMovementAllowed,
    /// <summary>Yellow after a permissive green ("permissive-clearance").</summary>
    PermissiveClearance,
    /// <summary>Yellow ("protected-clearance"; SUMO 'y' and 'Y').</summary>
    ProtectedClearance,
    /// <summary>Flashing yellow ("caution-Conflicting-Traffic"; SUMO 'o').</summary>
    CautionConflictingTraffic,
}
