using EdgeAI.Vision.Faces;
using EdgeAI.Vision.Monitoring;
using EdgeAI.Vision.Pose;

namespace EdgeAI.Vision.Pipeline;

/// <summary>
/// What the pipeline made of one frame. The same instance is refilled for every frame (no allocation per frame):
/// read it inside the per-frame callback, copy what must outlive it.
/// </summary>
public sealed class VisionResult
{
    private readonly FaceDetection[] _faces;
    private readonly HeadPose[] _poses;

    internal VisionResult(int maxFaces)
    {
        _faces = new FaceDetection[maxFaces];
        _poses = new HeadPose[maxFaces];
    }

    /// <summary>The frame's position in its source.</summary>
    public long Frame { get; private set; }
    /// <summary>The frame's presentation time.</summary>
    public TimeSpan Timestamp { get; private set; }
    /// <summary>Number of faces found.</summary>
    public int FaceCount { get; private set; }
    /// <summary>Faces in source pixels, best score first.</summary>
    public ReadOnlySpan<FaceDetection> Faces => _faces.AsSpan(0, FaceCount);
    /// <summary>Head pose of each face, same order as <see cref="Faces"/>.</summary>
    public ReadOnlySpan<HeadPose> Poses => _poses.AsSpan(0, FaceCount);
    /// <summary>Index of the face taken as the driver's (the largest), or -1 when none.</summary>
    public int DriverFace { get; private set; } = -1;
    /// <summary>The driver monitor's verdict after this frame.</summary>
    public AttentionStatus Attention { get; internal set; }

    internal void Fill(long frame, TimeSpan timestamp, ReadOnlySpan<FaceDetection> faces, HeadPoseProxy proxy)
    {
        Frame = frame;
        Timestamp = timestamp;
        FaceCount = Math.Min(faces.Length, _faces.Length);
        DriverFace = -1;
        float largest = 0;
        for (int i = 0; i < FaceCount; i++)
        {
            _faces[i] = faces[i];
            _poses[i] = proxy.Estimate(in faces[i]);
            float area = faces[i].Box.Width * faces[i].Box.Height;
            if (area > largest) { largest = area; DriverFace = i; }
        }
    }
}
