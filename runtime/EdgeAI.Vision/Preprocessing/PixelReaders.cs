namespace EdgeAI.Vision.Preprocessing;

/// <summary>
/// Reads one pixel of a frame in the format's own three channels (RGB, or Y/U/V) and converts interpolated values
/// to RGB in 0..255: YUV is interpolated first and converted once per output pixel, not once per tap. One struct per
/// pixel format so the resize loop is specialised per format.
/// </summary>
internal unsafe interface IPixelReader
{
    void Read(int x, int y, out float r, out float g, out float b);
    void ToRgb(ref float r, ref float g, ref float b);
}

internal readonly unsafe struct Bgr24Reader(byte* data, int stride) : IPixelReader
{
    public void Read(int x, int y, out float r, out float g, out float b)
    {
        byte* p = data + (nint)y * stride + x * 3;
        b = p[0]; g = p[1]; r = p[2];
    }

    public void ToRgb(ref float r, ref float g, ref float b) { }
}

internal readonly unsafe struct Rgb24Reader(byte* data, int stride) : IPixelReader
{
    public void Read(int x, int y, out float r, out float g, out float b)
    {
        byte* p = data + (nint)y * stride + x * 3;
        r = p[0]; g = p[1]; b = p[2];
    }

    public void ToRgb(ref float r, ref float g, ref float b) { }
}

internal readonly unsafe struct Gray8Reader(byte* data, int stride) : IPixelReader
{
    public void Read(int x, int y, out float r, out float g, out float b)
    {
        r = g = b = data[(nint)y * stride + x];
    }

    public void ToRgb(ref float r, ref float g, ref float b) { }
}

internal readonly unsafe struct Gray16Reader(byte* data, int stride) : IPixelReader
{
    public void Read(int x, int y, out float r, out float g, out float b)
    {
        byte* p = data + (nint)y * stride + x * 2;
        // 65535 / 257 = 255: full 16-bit range onto the 8-bit scale the normalisation expects.
        r = g = b = (p[0] | (p[1] << 8)) / 257f;
    }

    public void ToRgb(ref float r, ref float g, ref float b) { }
}

internal readonly unsafe struct Nv12Reader(byte* data, int stride, int height, YuvRange range) : IPixelReader
{
    public void Read(int x, int y, out float r, out float g, out float b)
    {
        byte* uv = data + (nint)stride * height + (nint)(y >> 1) * stride + (x & ~1);
        r = data[(nint)y * stride + x]; // Y, U, V until ToRgb
        g = uv[0];
        b = uv[1];
    }

    public void ToRgb(ref float r, ref float g, ref float b) => Yuv.ToRgb(ref r, ref g, ref b, range);
}

internal readonly unsafe struct YuyvReader(byte* data, int stride, YuvRange range) : IPixelReader
{
    public void Read(int x, int y, out float r, out float g, out float b)
    {
        byte* pair = data + (nint)y * stride + (x >> 1) * 4;
        r = pair[(x & 1) * 2]; // Y, U, V until ToRgb
        g = pair[1];
        b = pair[3];
    }

    public void ToRgb(ref float r, ref float g, ref float b) => Yuv.ToRgb(ref r, ref g, ref b, range);
}

/// <summary>BT.601 YCbCr to RGB.</summary>
internal static class Yuv
{
    /// <summary>Converts Y, U, V held in r, g, b to R, G, B in place.</summary>
    public static void ToRgb(ref float r, ref float g, ref float b, YuvRange range)
    {
        float y = r, cb = g - 128f, cr = b - 128f;
        if (range == YuvRange.Limited)
        {
            float l = 1.164383f * (y - 16f);
            r = l + 1.596027f * cr;
            g = l - 0.391762f * cb - 0.812968f * cr;
            b = l + 2.017232f * cb;
        }
        else
        {
            r = y + 1.402f * cr;
            g = y - 0.344136f * cb - 0.714136f * cr;
            b = y + 1.772f * cb;
        }
        r = Math.Clamp(r, 0f, 255f);
        g = Math.Clamp(g, 0f, 255f);
        b = Math.Clamp(b, 0f, 255f);
    }
}
