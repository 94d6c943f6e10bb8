namespace EdgeAI.Vision.Preprocessing;

/// <summary>
/// What a model wants as input: tensor size, layout, how the frame is fitted, and the normalisation
/// <c>value = pixel * Scale + Offset</c> applied to RGB pixels in 0..255 (Gray16 is first brought to 0..255).
/// </summary>
public sealed record PreprocessOptions
{
    /// <summary>Tensor width in pixels.</summary>
    public required int Width { get; init; }
    /// <summary>Tensor height in pixels.</summary>
    public required int Height { get; init; }
    /// <summary>Dimension order of the tensor.</summary>
    public TensorLayout Layout { get; init; } = TensorLayout.Nhwc;
    /// <summary>Letterbox (keep aspect) or stretch.</summary>
    public ResizeMode Resize { get; init; } = ResizeMode.Letterbox;
    /// <summary>Multiplier applied to each 0..255 channel value.</summary>
    public float Scale { get; init; } = 1f / 255f;
    /// <summary>Added after <see cref="Scale"/>.</summary>
    public float Offset { get; init; }
    /// <summary>Pixel value (0..255, before normalisation) of the letterbox padding; 0 is black.</summary>
    public float PadValue { get; init; }
    /// <summary>Code range of NV12 and YUYV frames.</summary>
    public YuvRange YuvRange { get; init; } = YuvRange.Limited;

    /// <summary>Floats the tensor holds (3 channels).</summary>
    public int TensorLength => checked(Width * Height * 3);

    /// <summary>BlazeFace front (128x128, NHWC, RGB in [-1, 1], letterboxed with black as MediaPipe does).</summary>
    public static PreprocessOptions BlazeFace(int size) => new()
    {
        Width = size, Height = size, Layout = TensorLayout.Nhwc, Resize = ResizeMode.Letterbox, Scale = 2f / 255f, Offset = -1f,
    };
}
