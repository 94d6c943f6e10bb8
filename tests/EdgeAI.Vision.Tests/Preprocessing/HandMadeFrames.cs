using EdgeAI.Vision;

namespace EdgeAI.Vision.Tests.Preprocessing;

/// <summary>Small frames built byte by byte with known values in every pixel format.</summary>
internal static class HandMadeFrames
{
    public static byte[] Uniform(int width, int height, PixelFormat format, params byte[] pixel)
    {
        int stride = VideoFrame.MinimumStride(width, format);
        var data = new byte[VideoFrame.RequiredBytes(height, stride, format)];
        switch (format)
        {
            case PixelFormat.Nv12:
                // pixel = Y, U, V
                data.AsSpan(0, stride * height).Fill(pixel[0]);
                for (int i = stride * height; i < data.Length; i += 2) { data[i] = pixel[1]; data[i + 1] = pixel[2]; }
                break;
            case PixelFormat.Yuyv:
                // pixel = Y, U, V
                for (int i = 0; i < data.Length; i += 4) { data[i] = pixel[0]; data[i + 1] = pixel[1]; data[i + 2] = pixel[0]; data[i + 3] = pixel[2]; }
                break;
            default:
                for (int i = 0; i < data.Length; i += pixel.Length) pixel.CopyTo(data, i);
                break;
        }
        return data;
    }
}
