using EdgeAI.Vision;
using OpenCvSharp;

namespace EdgeAI.Drivers.Camera;

/// <summary>Copies between OpenCV matrices and pooled frames row by row (a Mat's rows may be padded).</summary>
internal static unsafe class MatCopy
{
    /// <summary>Copies a BGR (CV_8UC3) or gray (CV_8UC1) Mat into <paramref name="frame"/>, already Reset to its size.</summary>
    public static void ToFrame(Mat mat, VideoFrame frame)
    {
        int rowBytes = (int)(mat.Cols * mat.ElemSize());
        var target = frame.Data;
        int rows = mat.Rows;
        for (int y = 0; y < rows; y++)
            new ReadOnlySpan<byte>((void*)mat.Ptr(y), rowBytes).CopyTo(target.Slice(y * frame.Stride, rowBytes));
    }

    /// <summary>Copies <paramref name="frame"/>'s rows into <paramref name="mat"/> (same row count, tight rows of <paramref name="rowBytes"/>).</summary>
    public static void FromFrame(VideoFrame frame, Mat mat, int rowBytes)
    {
        var source = frame.Data;
        int rows = mat.Rows;
        for (int y = 0; y < rows; y++)
            source.Slice(y * frame.Stride, rowBytes).CopyTo(new Span<byte>((void*)mat.Ptr(y), rowBytes));
    }
}
