using System.Numerics;
using System.Runtime.CompilerServices;

namespace EdgeAI.Vision.Faces;

/// <summary>The six keypoints of a face held inline (no array per face), indexed by <see cref="FaceKeypoint"/> or 0..5.</summary>
[InlineArray(Count)]
public struct FaceKeypoints
{
    /// <summary>Keypoints per face.</summary>
    public const int Count = 6;

    private Vector2 _first;

    /// <summary>One keypoint by name.</summary>
    public Vector2 this[FaceKeypoint which]
    {
        readonly get => this[(int)which];
        set => this[(int)which] = value;
    }
}
