using System.Numerics;
using EdgeAI.Vision.Faces;
using EdgeAI.Vision.Pose;

namespace EdgeAI.Vision.Tests.Pose;

public sealed class HeadPoseProxyTests
{
    // A rigid head (cm; x to the image's right, y down, z toward the camera) with exactly the proportions the proxy
    // assumes: ears on the turning axis 7.5 cm each side, nose tip 1.33 * 7.5 = 10 cm in front of it, eyes and mouth
    // 0.45 * 7.5 cm behind the nose tip, nose 55 % of the way from the eye line to the mouth.
    private static readonly Vector3[] Head =
    [
        new(-3.2f, 0f, 6.625f),    // right eye (the person's right, the image's left)
        new(3.2f, 0f, 6.625f),     // left eye
        new(0f, 4.125f, 10f),      // nose tip
        new(0f, 7.5f, 6.625f),     // mouth
        new(-7.5f, 0f, 0f),        // right ear
        new(7.5f, 0f, 0f),         // left ear
    ];

    // Orthographic picture of the head turned by yaw (toward the image's right), pitched down, rolled in the image.
    private static FaceDetection Picture(float yaw, float pitch, float roll = 0f, float pixelsPerCm = 12f)
    {
        var rotation = Matrix4x4.CreateRotationX(-pitch) * Matrix4x4.CreateRotationY(yaw);
        var face = new FaceDetection { Score = 1f };
        for (int k = 0; k < 6; k++)
        {
            var p = Vector3.Transform(Head[k], rotation);
            var image = new Vector2(p.X, p.Y);
            image = Vector2.Transform(image, Matrix3x2.CreateRotation(roll));
            face.Keypoints[k] = new Vector2(320, 240) + image * pixelsPerCm;
        }
        return face;
    }

    [Fact]
    public void Estimate_FrontalFace_IsZero()
    {
        var pose = HeadPoseProxy.Default.Estimate(Picture(0, 0));
        Assert.Equal(0f, pose.Yaw, 1e-4f);
        Assert.Equal(0f, pose.Pitch, 1e-4f);
    }

    [Theory]
    [InlineData(0.2f)]
    [InlineData(0.5f)]
    [InlineData(-0.7f)]
    public void Estimate_PureYaw_RecoversTheTurnAndNoPitch(float yaw)
    {
        var pose = HeadPoseProxy.Default.Estimate(Picture(yaw, 0));
        Assert.Equal(yaw, pose.Yaw, 1e-3f);
        Assert.Equal(0f, pose.Pitch, 1e-3f);
    }

    [Theory]
    [InlineData(0.2f)]
    [InlineData(0.4f)]
    [InlineData(-0.3f)]
    public void Estimate_PurePitch_RecoversTheTiltAndNoYaw(float pitch)
    {
        var pose = HeadPoseProxy.Default.Estimate(Picture(0, pitch));
        Assert.Equal(pitch, pose.Pitch, 1e-3f);
        Assert.Equal(0f, pose.Yaw, 1e-3f);
    }

    [Fact]
    public void Estimate_TurnedAndTilted_StaysWithinTheCrossTalkOfA2DProxy()
    {
        // Tilting down brings the nose tip closer to the ear axis in depth, so the yaw reads low (0.38 for 0.45).
        var pose = HeadPoseProxy.Default.Estimate(Picture(0.45f, 0.3f));
        Assert.Equal(0.45f, pose.Yaw, 0.1f);
        Assert.Equal(0.3f, pose.Pitch, 0.05f);
        Assert.True(pose.Yaw > 0.4f * 0.9f, "a 0.45 rad turn with the head down still reads near the 0.40 limit");
    }

    [Fact]
    public void Estimate_HeadRolledInTheImage_GivesTheSameYawAndPitch()
    {
        var upright = HeadPoseProxy.Default.Estimate(Picture(0.3f, 0.2f));
        var rolled = HeadPoseProxy.Default.Estimate(Picture(0.3f, 0.2f, roll: 0.35f));
        Assert.Equal(upright.Yaw, rolled.Yaw, 1e-3f);
        Assert.Equal(upright.Pitch, rolled.Pitch, 1e-3f);
    }

    [Fact]
    public void Estimate_FaceSize_DoesNotMatter()
    {
        var near = HeadPoseProxy.Default.Estimate(Picture(0.3f, -0.2f, pixelsPerCm: 20));
        var far = HeadPoseProxy.Default.Estimate(Picture(0.3f, -0.2f, pixelsPerCm: 3));
        Assert.Equal(near.Yaw, far.Yaw, 1e-3f);
        Assert.Equal(near.Pitch, far.Pitch, 1e-3f);
    }

    [Fact]
    public void Estimate_CollapsedKeypoints_GiveZeroNotNaN()
    {
        var pose = HeadPoseProxy.Default.Estimate(new FaceDetection());
        Assert.Equal(default, pose);
    }
}
