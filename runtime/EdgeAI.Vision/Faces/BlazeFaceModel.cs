namespace EdgeAI.Vision.Faces;

/// <summary>
/// What decoding a BlazeFace variant needs: input size, the SSD anchor layout (MediaPipe's published anchor options)
/// and the coordinate scale of its regressors. Both variants output 896 anchors as two heads (512 + 384).
/// </summary>
public sealed record BlazeFaceModel
{
    /// <summary>Square input size in pixels.</summary>
    public required int InputSize { get; init; }
    /// <summary>Stride of each SSD layer; consecutive layers of equal stride share one feature map.</summary>
    public required int[] Strides { get; init; }
    /// <summary>Regressor units per input-normalised unit (the input size for BlazeFace).</summary>
    public required float CoordinateScale { get; init; }
    /// <summary>Anchors below this score are dropped before suppression.</summary>
    public float MinScore { get; init; } = 0.5f;
    /// <summary>Logits are clipped to ±this before the sigmoid (keeps exp finite).</summary>
    public float ScoreClip { get; init; } = 100f;
    /// <summary>Overlap (intersection over union) above which detections are blended into one.</summary>
    public float SuppressionOverlap { get; init; } = 0.3f;
    /// <summary>Detections kept per frame at most.</summary>
    public int MaxFaces { get; init; } = 16;

    /// <summary>Anchors the model has (896 for both published variants).</summary>
    public int AnchorCount => SsdAnchors.Count(InputSize, Strides);

    /// <summary>Short-range front-camera model, 128x128 (face_detection_front): strides 8, 16, 16, 16.</summary>
    public static BlazeFaceModel Front { get; } = new() { InputSize = 128, Strides = [8, 16, 16, 16], CoordinateScale = 128f };

    /// <summary>Longer-range back-camera model, 256x256 (face_detection_back): strides 16, 32, 32, 32.</summary>
    public static BlazeFaceModel Back { get; } = new() { InputSize = 256, Strides = [16, 32, 32, 32], CoordinateScale = 256f };
}
