using System.Numerics;
using EdgeAI.Vision.Faces;

namespace EdgeAI.Vision.Pose;

/// <summary>
/// Estimates yaw and pitch from BlazeFace's six keypoints with a rigid-head approximation: the ears lie near the
/// vertical axis the head turns about and the nose tip sits in front of it, so turning by yaw moves the nose
/// sideways by <c>depth·sin(yaw)</c> while the ear span shrinks with <c>cos(yaw)</c>; tilting by pitch moves the
/// protruding nose tip along the eye-to-mouth line. It is a 2-D proxy: it cannot separate a head turn from a face
/// seen off-axis by a camera mounted to the side, it saturates near profile (an occluded ear is a guess of the
/// model), and its neutral pitch depends on the face; the defaults are typical adult proportions.
/// </summary>
public sealed record HeadPoseProxy
{
    /// <summary>Nose-tip depth in front of the ear axis divided by half the ear-to-ear width (≈ 10 cm / 7.5 cm).</summary>
    public float NoseDepthToHalfEarSpan { get; init; } = 4f / 3f;
    /// <summary>Where the nose tip lies between the eye line (0) and the mouth (1) on a frontal face.</summary>
    public float NeutralNosePosition { get; init; } = 0.55f;
    /// <summary>Nose-tip protrusion in front of the eye-mouth plane divided by the eye-to-mouth distance (≈ 3 cm / 7 cm).</summary>
    public float NoseDepthToEyeMouth { get; init; } = 0.45f;

    /// <summary>Typical adult proportions.</summary>
    public static HeadPoseProxy Default { get; } = new();

    /// <summary>Yaw and pitch of one face.</summary>
    public HeadPose Estimate(in FaceDetection face)
    {
        var keypoints = face.Keypoints;
        Vector2 rightEar = keypoints[FaceKeypoint.RightEar], leftEar = keypoints[FaceKeypoint.LeftEar];
        Vector2 nose = keypoints[FaceKeypoint.NoseTip], mouth = keypoints[FaceKeypoint.Mouth];
        Vector2 eyes = (keypoints[FaceKeypoint.RightEye] + keypoints[FaceKeypoint.LeftEye]) / 2f;

        // Roll removed first: measure along the ear-to-ear direction and across it.
        Vector2 across = leftEar - rightEar;
        float halfSpan = across.Length() / 2f;
        if (halfSpan < 1e-3f) return default;
        Vector2 axis = across / (2f * halfSpan);
        if (axis.X < 0) axis = -axis;
        Vector2 down = new(-axis.Y, axis.X);

        float sideways = Vector2.Dot(nose - (rightEar + leftEar) / 2f, axis) / halfSpan;
        float yaw = MathF.Atan(sideways / NoseDepthToHalfEarSpan);

        float eyeToMouth = Vector2.Dot(mouth - eyes, down);
        float pitch = 0f;
        if (eyeToMouth > 1e-3f)
        {
            float position = Vector2.Dot(nose - eyes, down) / eyeToMouth;
            pitch = MathF.Atan((position - NeutralNosePosition) / NoseDepthToEyeMouth);
        }
        return new HeadPose(yaw, pitch);
    }
}
