namespace EdgeAI.Vision.Pose;

/// <summary>
/// Head orientation in radians as seen by the camera. Yaw &gt; 0: the face turned toward the image's right edge;
/// pitch &gt; 0: the face tilted down (chin toward the chest). A 2-D proxy from keypoints, not a measured 3-D pose.
/// </summary>
public readonly record struct HeadPose(float Yaw, float Pitch);
