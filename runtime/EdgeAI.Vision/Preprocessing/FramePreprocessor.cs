namespace EdgeAI.Vision.Preprocessing;

/// <summary>
/// Turns a frame of any <see cref="PixelFormat"/> into a model's float input tensor in one pass: bilinear resize
/// (letterbox or stretch), colour conversion to RGB (gray replicated, YUV by BT.601) and normalisation, written
/// straight into the caller's tensor span in NHWC or NCHW. Sampling tables are sized once for the tensor and
/// refilled only when the source size changes, so steady-state frames allocate nothing. Not thread-safe.
/// </summary>
public sealed class FramePreprocessor
{
    private readonly PreprocessOptions _options;
    private readonly int[] _x0, _x1, _y0, _y1;
    private readonly float[] _wx, _wy;
    private int _sourceWidth, _sourceHeight;
    private int _firstColumn, _endColumn, _firstRow, _endRow;
    private LetterboxTransform _transform;

    /// <summary>Creates a preprocessor for one model input.</summary>
    public FramePreprocessor(PreprocessOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.Width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.Height);
        _options = options;
        _x0 = new int[options.Width];
        _x1 = new int[options.Width];
        _wx = new float[options.Width];
        _y0 = new int[options.Height];
        _y1 = new int[options.Height];
        _wy = new float[options.Height];
    }

    /// <summary>The options this preprocessor was made with.</summary>
    public PreprocessOptions Options => _options;

    /// <summary>Fills <paramref name="tensor"/> from <paramref name="frame"/>; returns how frame pixels map onto the tensor.</summary>
    public LetterboxTransform Process(VideoFrame frame, Span<float> tensor)
    {
        ArgumentNullException.ThrowIfNull(frame);
        return Process(frame.Data, frame.Width, frame.Height, frame.Stride, frame.Format, tensor);
    }

    /// <summary>Fills <paramref name="tensor"/> from raw pixels; returns how frame pixels map onto the tensor.</summary>
    public unsafe LetterboxTransform Process(ReadOnlySpan<byte> pixels, int width, int height, int stride, PixelFormat format, Span<float> tensor)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfLessThan(stride, VideoFrame.MinimumStride(width, format));
        if (pixels.Length < VideoFrame.RequiredBytes(height, stride, format))
            throw new ArgumentException($"{width}x{height} {format} with stride {stride} needs {VideoFrame.RequiredBytes(height, stride, format)} bytes, got {pixels.Length}", nameof(pixels));
        if (tensor.Length < _options.TensorLength)
            throw new ArgumentException($"tensor holds {tensor.Length} floats, {_options.TensorLength} needed", nameof(tensor));
        if (width != _sourceWidth || height != _sourceHeight) Prepare(width, height);

        fixed (byte* data = pixels)
        fixed (float* dst = tensor)
        {
            switch (format)
            {
                case PixelFormat.Bgr24: Fill(new Bgr24Reader(data, stride), dst); break;
                case PixelFormat.Rgb24: Fill(new Rgb24Reader(data, stride), dst); break;
                case PixelFormat.Gray8: Fill(new Gray8Reader(data, stride), dst); break;
                case PixelFormat.Gray16: Fill(new Gray16Reader(data, stride), dst); break;
                case PixelFormat.Nv12: Fill(new Nv12Reader(data, stride, height, _options.YuvRange), dst); break;
                case PixelFormat.Yuyv: Fill(new YuyvReader(data, stride, _options.YuvRange), dst); break;
                default: throw new ArgumentOutOfRangeException(nameof(format), format, "unknown pixel format");
            }
        }
        return _transform;
    }

    private void Prepare(int width, int height)
    {
        _transform = LetterboxTransform.Create(width, height, _options.Width, _options.Height, _options.Resize);
        Axis(_transform.ScaleX, _transform.OffsetX, width, _x0, _x1, _wx, out _firstColumn, out _endColumn);
        Axis(_transform.ScaleY, _transform.OffsetY, height, _y0, _y1, _wy, out _firstRow, out _endRow);
        _sourceWidth = width;
        _sourceHeight = height;
    }

    // Pixel centres that fall inside the picture sample it; the others are padding.
    private static void Axis(float scale, float offset, int sourceSize, int[] i0, int[] i1, float[] weight, out int first, out int end)
    {
        first = i0.Length;
        end = 0;
        float contentEnd = offset + sourceSize * scale;
        for (int d = 0; d < i0.Length; d++)
        {
            float centre = d + 0.5f;
            if (centre < offset || centre > contentEnd) continue;
            first = Math.Min(first, d);
            end = d + 1;
            float s = Math.Clamp((centre - offset) / scale - 0.5f, 0f, sourceSize - 1);
            int lo = (int)s;
            i0[d] = lo;
            i1[d] = Math.Min(lo + 1, sourceSize - 1);
            weight[d] = s - lo;
        }
    }

    private unsafe void Fill<TReader>(TReader reader, float* dst) where TReader : struct, IPixelReader
    {
        int w = _options.Width, h = _options.Height;
        float scale = _options.Scale, offset = _options.Offset, pad = _options.PadValue * scale + offset;
        bool nchw = _options.Layout == TensorLayout.Nchw;
        int plane = w * h;
        for (int dy = 0; dy < h; dy++)
        {
            bool rowInside = dy >= _firstRow && dy < _endRow;
            int ya = _y0[dy], yb = _y1[dy];
            float fy = _wy[dy];
            for (int dx = 0; dx < w; dx++)
            {
                float r, g, b;
                if (!rowInside || dx < _firstColumn || dx >= _endColumn)
                {
                    r = g = b = pad;
                }
                else
                {
                    int xa = _x0[dx], xb = _x1[dx];
                    float fx = _wx[dx];
                    reader.Read(xa, ya, out float r00, out float g00, out float b00);
                    reader.Read(xb, ya, out float r01, out float g01, out float b01);
                    reader.Read(xa, yb, out float r10, out float g10, out float b10);
                    reader.Read(xb, yb, out float r11, out float g11, out float b11);
                    float top = r00 + (r01 - r00) * fx, bottom = r10 + (r11 - r10) * fx;
                    r = top + (bottom - top) * fy;
                    top = g00 + (g01 - g00) * fx; bottom = g10 + (g11 - g10) * fx;
                    g = top + (bottom - top) * fy;
                    top = b00 + (b01 - b00) * fx; bottom = b10 + (b11 - b10) * fx;
                    b = top + (bottom - top) * fy;
                    reader.ToRgb(ref r, ref g, ref b);
                    r = r * scale + offset;
                    g = g * scale + offset;
                    b = b * scale + offset;
                }
                int pixel = dy * w + dx;
                if (nchw)
                {
                    dst[pixel] = r;
                    dst[plane + pixel] = g;
                    dst[2 * plane + pixel] = b;
                }
                else
                {
                    float* p = dst + pixel * 3;
                    p[0] = r; p[1] = g; p[2] = b;
                }
            }
        }
    }
}
