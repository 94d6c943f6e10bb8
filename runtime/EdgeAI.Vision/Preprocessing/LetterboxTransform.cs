using System.Numerics;

namespace EdgeAI.Vision.Preprocessing;

/// <summary>
/// How source-frame pixels map onto tensor pixels: <c>tensor = source * Scale + Offset</c> per axis.
/// Detections come out in tensor coordinates; <see cref="ToSource(Vector2)"/> takes them back to the frame.
/// </summary>
public readonly record struct LetterboxTransform(float ScaleX, float ScaleY, float OffsetX, float OffsetY)
{
    /// <summary>The transform that fits a <paramref name="sourceWidth"/> x <paramref name="sourceHeight"/> frame into the tensor.</summary>
    public static LetterboxTransform Create(int sourceWidth, int sourceHeight, int tensorWidth, int tensorHeight, ResizeMode mode)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sourceWidth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sourceHeight);
        float sx = (float)tensorWidth / sourceWidth, sy = (float)tensorHeight / sourceHeight;
        if (mode == ResizeMode.Stretch) return new LetterboxTransform(sx, sy, 0f, 0f);
        float s = MathF.Min(sx, sy);
        return new LetterboxTransform(s, s, (tensorWidth - sourceWidth * s) / 2f, (tensorHeight - sourceHeight * s) / 2f);
    }

    /// <summary>A tensor-pixel point in source-frame pixels.</summary>
    public Vector2 ToSource(Vector2 tensorPoint) => new((tensorPoint.X - OffsetX) / ScaleX, (tensorPoint.Y - OffsetY) / ScaleY);

    /// <summary>A source-frame point in tensor pixels.</summary>
    public Vector2 ToTensor(Vector2 sourcePoint) => new(sourcePoint.X * ScaleX + OffsetX, sourcePoint.Y * ScaleY + OffsetY);
}
