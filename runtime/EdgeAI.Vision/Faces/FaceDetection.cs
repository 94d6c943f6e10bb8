using System.Drawing;

namespace EdgeAI.Vision.Faces;

/// <summary>One detected face in source-frame pixels: confidence, box and six keypoints.</summary>
public struct FaceDetection
{
    /// <summary>Confidence 0..1 (sigmoid of the model's logit; for blended detections the best one's).</summary>
    public float Score;
    /// <summary>Box in source pixels: X, Y of the top-left corner, width and height.</summary>
    public RectangleF Box;
    /// <summary>Keypoints in source pixels.</summary>
    public FaceKeypoints Keypoints;
}
