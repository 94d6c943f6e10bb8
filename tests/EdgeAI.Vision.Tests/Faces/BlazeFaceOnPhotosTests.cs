using System.Drawing;
using System.Numerics;
using EdgeAI.TestKit;
using EdgeAI.Vision.Faces;
using EdgeAI.Vision.Pose;
using EdgeAI.Vision.Tests.Images;

namespace EdgeAI.Vision.Tests.Faces;

/// <summary>The real BlazeFace model on real photos; expected boxes were measured once and checked by eye.</summary>
public sealed class BlazeFaceOnPhotosTests
{
    // Astronaut: face box (179, 81, 93, 93) in the 512x512 photo, i.e. centre (225.5, 127.5).
    private static readonly Vector2 AstronautFaceCentre = new(225.5f, 127.5f);
    private const float AstronautFaceSize = 93f;

    private static BlazeFaceSession Open()
    {
        if (PublicPhotos.MissingReason is { } photos) Assert.Skip(photos);
        var model = BlazeFaceSession.RequireModel();
        return new BlazeFaceSession(model);
    }

    private static Vector2 Centre(RectangleF box) => new(box.X + box.Width / 2, box.Y + box.Height / 2);

    private static void AssertNear(Vector2 expected, Vector2 actual, float tolerance) =>
        Assert.True(Vector2.Distance(expected, actual) <= tolerance, $"expected {expected} within {tolerance} px, got {actual}");

    [Theory]
    [InlineData(PixelFormat.Bgr24)]
    [InlineData(PixelFormat.Rgb24)]
    [InlineData(PixelFormat.Gray8)]
    [InlineData(PixelFormat.Gray16)]
    [InlineData(PixelFormat.Nv12)]
    [InlineData(PixelFormat.Yuyv)]
    public void Detect_Astronaut_FindsHerFaceInEveryPixelFormat(PixelFormat format)
    {
        using var session = Open();
        using var frame = PublicPhotos.Load(PublicPhotos.Astronaut, format).ToFrame();
        var faces = session.Detect(frame);
        Assert.Equal(1, faces.Length);
        var face = faces[0];
        Assert.InRange(face.Score, 0.75f, 1f);
        AssertNear(AstronautFaceCentre, Centre(face.Box), 8);
        Assert.InRange(face.Box.Width, AstronautFaceSize * 0.9f, AstronautFaceSize * 1.15f);
        // Eyes, nose and mouth lie inside the box; the ear tragions sit on its edge, so allow a tenth of its size there.
        var around = RectangleF.Inflate(face.Box, face.Box.Width / 10, face.Box.Height / 10);
        for (int k = 0; k < FaceKeypoints.Count; k++)
        {
            var p = face.Keypoints[k];
            bool ear = (FaceKeypoint)k is FaceKeypoint.RightEar or FaceKeypoint.LeftEar;
            Assert.True((ear ? around : face.Box).Contains(p.X, p.Y), $"{(FaceKeypoint)k} at {p} lies outside {face.Box}");
        }
        // She faces the camera: her right eye is on the image's left, the nose below the eyes, the mouth below the nose.
        var kp = face.Keypoints;
        Assert.True(kp[FaceKeypoint.RightEye].X < kp[FaceKeypoint.NoseTip].X && kp[FaceKeypoint.NoseTip].X < kp[FaceKeypoint.LeftEye].X);
        Assert.True(kp[FaceKeypoint.RightEar].X < kp[FaceKeypoint.RightEye].X && kp[FaceKeypoint.LeftEye].X < kp[FaceKeypoint.LeftEar].X);
        Assert.True(kp[FaceKeypoint.NoseTip].Y > kp[FaceKeypoint.RightEye].Y && kp[FaceKeypoint.Mouth].Y > kp[FaceKeypoint.NoseTip].Y);
    }

    [Fact]
    public void Detect_AstronautFacingTheCamera_HasAHeadPoseInsideTheAttentionLimits()
    {
        using var session = Open();
        using var frame = PublicPhotos.Load(PublicPhotos.Astronaut, PixelFormat.Bgr24).ToFrame();
        var pose = HeadPoseProxy.Default.Estimate(session.Detect(frame)[0]);
        Assert.InRange(pose.Yaw, -0.2f, 0.2f);
        Assert.InRange(pose.Pitch, -0.25f, 0.25f);
    }

    [Fact]
    public void Detect_CameramanLookingThroughHisCamera_FindsTheFaceTurnedTowardTheImageRight()
    {
        using var session = Open();
        using var frame = PublicPhotos.Load(PublicPhotos.Camera, PixelFormat.Gray8).ToFrame();
        var faces = session.Detect(frame);
        Assert.Equal(1, faces.Length);
        // Face box (180, 123, 83, 83), centre (221.5, 164.5), turned toward the image's right.
        AssertNear(new Vector2(221.5f, 164.5f), Centre(faces[0].Box), 10);
        var face = faces[0];
        var pose = HeadPoseProxy.Default.Estimate(face);
        string keypoints = "";
        for (int k = 0; k < 6; k++) keypoints += face.Keypoints[k] + " ";
        // His head is turned well past 0.4 rad, but the hidden far ear is a guess of the model placed too close, so the
        // 2-D proxy reads only ~0.18 rad: the direction is right, the size is not (docs/vision.md says so).
        Assert.True(pose.Yaw > 0.1f, $"yaw {pose.Yaw} pitch {pose.Pitch}, keypoints {keypoints}");
    }

    [Theory]
    [InlineData("coffee.png")]
    [InlineData("rocket.jpg")]
    [InlineData("chelsea.png")] // a cat's face is not a human face
    public void Detect_PhotoWithoutAPerson_FindsNoFace(string name)
    {
        using var session = Open();
        using var frame = PublicPhotos.Load(Path.Combine(Path.GetDirectoryName(PublicPhotos.Coffee)!, name), PixelFormat.Bgr24).ToFrame();
        Assert.Equal(0, session.Detect(frame).Length);
    }

    [Fact]
    public void Detect_AstronautWithHerFaceCovered_FindsNoFace()
    {
        using var session = Open();
        using var frame = PublicPhotos.Load(PublicPhotos.Astronaut, PixelFormat.Bgr24, 512, 512, "drawbox=x=165:y=65:w=125:h=125:color=gray:t=fill").ToFrame();
        Assert.Equal(0, session.Detect(frame).Length);
    }

    [Fact]
    public void Detect_AstronautInAWideLetterboxedFrame_MapsTheBoxBackToSourcePixels()
    {
        using var session = Open();
        // A 200x200 crop around her face pasted 150 px from the left of a 400x200 black frame (a wide cabin camera):
        // letterboxing into 128x128 scales by 0.32 and pads 32 rows above and below.
        using var frame = PublicPhotos.Load(PublicPhotos.Astronaut, PixelFormat.Nv12, 400, 200, "crop=200:200:125:28,pad=400:200:150:0:black").ToFrame();
        var faces = session.Detect(frame);
        Assert.Equal(1, faces.Length);
        AssertNear(AstronautFaceCentre + new Vector2(150 - 125, -28), Centre(faces[0].Box), 6);
    }

    [Fact]
    public void Detect_AstronautAtHalfSize_GivesAHalfSizeBox()
    {
        using var session = Open();
        using var frame = PublicPhotos.Load(PublicPhotos.Astronaut, PixelFormat.Yuyv, 256, 256).ToFrame();
        var faces = session.Detect(frame);
        Assert.Equal(1, faces.Length);
        AssertNear(AstronautFaceCentre / 2, Centre(faces[0].Box), 5);
        Assert.InRange(faces[0].Box.Width, AstronautFaceSize / 2 * 0.9f, AstronautFaceSize / 2 * 1.15f);
    }

    [Fact]
    public void Detect_SteadyState_PreprocessAndDecodeAllocateNothing()
    {
        using var session = Open();
        using var frame = PublicPhotos.Load(PublicPhotos.Astronaut, PixelFormat.Nv12).ToFrame();
        var pre = new EdgeAI.Vision.Preprocessing.FramePreprocessor(EdgeAI.Vision.Preprocessing.PreprocessOptions.BlazeFace(128));
        var tensor = new float[128 * 128 * 3];
        session.Detect(frame); // fills the decoder with the real model's outputs once
        var scores1 = new float[512]; var scores2 = new float[384]; var boxes1 = new float[512 * 16]; var boxes2 = new float[384 * 16];
        var transform = pre.Process(frame, tensor);
        // One pass of exactly the measured work first: its buffers reach their size here (zero scores are 0.5 after the
        // sigmoid, which the decoder keeps as candidates), so what follows is steady state.
        session.Decoder.Decode(scores1, boxes1, scores2, boxes2, transform);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 50; i++)
        {
            transform = pre.Process(frame, tensor);
            session.Decoder.Decode(scores1, boxes1, scores2, boxes2, transform);
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
