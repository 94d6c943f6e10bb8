namespace EdgeAI.Services.TrafficLights;

/// <summary>The J2735 names of <see cref="MovementPhaseState"/>, SUMO's state letters, and which states let a car go.</summary>
public static class MovementPhaseStates
{
    private static readonly string[] Names =
    [
        "unavailable", "dark", "stop-Then-Proceed", "stop-And-Remain", "pre-Movement",
        "permissive-Movement-Allowed", "protected-Movement-Allowed", "permissive-clearance", "protected-clearance",
        "caution-Conflicting-Traffic",
    ];

    /// <summary>All J2735 names, in enum order (for documentation and schemas).</summary>
    public static IReadOnlyList<string> AllNames => Names;

    /// <summary>The J2735 name, e.g. "stop-And-Remain".</summary>
    public static string ToJ2735Name(this MovementPhaseState state) => Names[(int)state];

    /// <summary>Parses a J2735 name (exact spelling); false when it is not one.</summary>
    public static bool TryParse(string? name, out MovementPhaseState state)
    {
        var i = name is null ? -1 : Array.IndexOf(Names, name);
        state = i < 0 ? MovementPhaseState.Unavailable : (MovementPhaseState)i;
        return i >= 0;
    }

    /// <summary>The state a SUMO state letter shows (G g y Y r u s o O); unavailable for any other letter.</summary>
    public static MovementPhaseState FromSumoLetter(char letter) => letter switch
    {
        'G' => MovementPhaseState.ProtectedMovementAllowed,
        'g' => MovementPhaseState.PermissiveMovementAllowed,
        'y' or 'Y' => MovementPhaseState.ProtectedClearance,
        'r' => MovementPhaseState.StopAndRemain,
        'u' => MovementPhaseState.PreMovement,
        's' => MovementPhaseState.StopThenProceed,
        'o' => MovementPhaseState.CautionConflictingTraffic,
        'O' => MovementPhaseState.Dark,
        _ => MovementPhaseState.Unavailable,
    };

    /// <summary>Whether a car may enter the intersection (a green of either kind).</summary>
    public static bool IsGreen(this MovementPhaseState state) =>
        state is MovementPhaseState.ProtectedMovementAllowed or MovementPhaseState.PermissiveMovementAllowed;

    /// <summary>Whether a car must stop and wait (red, or flashing red).</summary>
    public static bool IsRed(this MovementPhaseState state) =>
        state is MovementPhaseState.StopAndRemain or MovementPhaseState.StopThenProceed or MovementPhaseState.PreMovement;
}
