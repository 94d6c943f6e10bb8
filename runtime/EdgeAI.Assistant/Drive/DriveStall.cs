namespace EdgeAI.Assistant.Drive;

/// <summary>A stage of the drive that stops making progress from <see cref="FromS"/> to <see cref="ToS"/> seconds of drive
/// (<see cref="AssistantDrive.Stalls"/>; HIL's <c>stage_stall</c>).</summary>
/// <param name="Stage"><see cref="Assistant"/> or <see cref="Fusion"/>.</param>
/// <param name="FromS">Where the stall begins, in seconds of drive.</param>
/// <param name="ToS">Where it ends.</param>
public sealed record DriveStall(string Stage, double FromS, double ToS)
{
    /// <summary>The assistant stage: no ticks.</summary>
    public const string Assistant = "assistant";

    /// <summary>The fusion stage: nothing applied, no ticks.</summary>
    public const string Fusion = "fusion";
}
