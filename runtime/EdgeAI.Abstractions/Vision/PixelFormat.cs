namespace EdgeAI.Vision;

/// <summary>Pixel layouts cameras and video files deliver. Cabin cameras are often mono near-infrared (Gray8/Gray16).</summary>
public enum PixelFormat
{
    /// <summary>8-bit blue, green, red; 3 bytes per pixel (OpenCV's default).</summary>
    Bgr24,
    /// <summary>8-bit red, green, blue; 3 bytes per pixel.</summary>
    Rgb24,
    /// <summary>8-bit luminance; 1 byte per pixel.</summary>
    Gray8,
    /// <summary>16-bit little-endian luminance; 2 bytes per pixel.</summary>
    Gray16,
    /// <summary>Y plane followed by an interleaved half-resolution UV plane (4:2:0); 1.5 bytes per pixel.</summary>
    Nv12,
    /// <summary>Packed Y0 U Y1 V (4:2:2); 2 bytes per pixel.</summary>
    Yuyv,
}
