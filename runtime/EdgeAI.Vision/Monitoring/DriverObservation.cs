using EdgeAI.Vision.Pose;

namespace EdgeAI.Vision.Monitoring;

/// <summary>
/// What the monitor learns about the driver from one frame, plus vehicle speed when fusion supplies it.
/// </summary>
/// <param name="FaceVisible">Whether a face was detected.</param>
/// <param name="Pose">Head pose of the driver's face (ignored when no face is visible).</param>
/// <param name="SpeedKmh">Vehicle speed in km/h, or null when unknown (then alerts are never gated by speed).</param>
/// <param name="EyeOpenness">
/// Eye openness 0 (closed) .. 1 (open) for drowsiness rules. Reserved: BlazeFace has no eyelid keypoints and no
/// registry here ships an eye-landmark model, so nothing sets it yet and the monitor does not read it.
/// </param>
public readonly record struct DriverObservation(bool FaceVisible, HeadPose Pose, float? SpeedKmh = null, float? EyeOpenness = null)
{
    /// <summary>A frame with no face.</summary>
    public static DriverObservation NoFace(float? speedKmh = null) => new(false, default, speedKmh);
}
