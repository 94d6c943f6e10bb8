namespace EdgeAI.Vision.Faces;

/// <summary>BlazeFace's six keypoints, in the model's output order. Right and left are the person's own sides.</summary>
public enum FaceKeypoint
{
    /// <summary>The person's right eye (on the image's left for a face looking at the camera).</summary>
    RightEye,
    /// <summary>The person's left eye.</summary>
    LeftEye,
    /// <summary>Tip of the nose.</summary>
    NoseTip,
    /// <summary>Centre of the mouth.</summary>
    Mouth,
    /// <summary>The person's right ear tragion.</summary>
    RightEar,
    /// <summary>The person's left ear tragion.</summary>
    LeftEar,
}
