namespace EdgeAI.Assistant.Engine;

/// <summary>
/// The timing rules of one trigger, applied by the engine the same way for all.
/// </summary>
/// <param name="HoldS">The condition must hold this long before the suggestion is shown (hysteresis on the way in).</param>
/// <param name="ReleaseS">The condition must be gone this long before the suggestion is withdrawn (hysteresis on the way out).</param>
/// <param name="LifetimeS">A shown suggestion expires after this long.</param>
/// <param name="CooldownS">After a suggestion ends, the next one of the kind waits this long.</param>
/// <param name="BackoffFactor">Each dismissal multiplies the cooldown by this; <see cref="MuteAfterDismissals"/> mute the kind for the trip.</param>
public sealed record TriggerPolicy(double HoldS, double ReleaseS, double LifetimeS, double CooldownS, double BackoffFactor = 4)
{
    /// <summary>Dismissals after which a kind stays quiet for the rest of the trip.</summary>
    public const int MuteAfterDismissals = 3;
}
