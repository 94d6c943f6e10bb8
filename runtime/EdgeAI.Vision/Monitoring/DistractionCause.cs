namespace EdgeAI.Vision.Monitoring;

/// <summary>Why the driver counts as not watching the road in one observation.</summary>
public enum DistractionCause
{
    /// <summary>Face visible and turned to the road.</summary>
    None,
    /// <summary>Head yaw or pitch beyond the profile's limits.</summary>
    HeadPose,
    /// <summary>No face in the picture (turned far away, occluded, or out of the seat).</summary>
    NoFace,
}
