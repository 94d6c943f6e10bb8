using EdgeAI.Vision;

namespace EdgeAI.TestKit;

/// <summary>Raw pixels with tight rows, made by ffmpeg from a photo (<see cref="PublicPhotos.Load"/>).</summary>
public sealed record RawImage(byte[] Data, int Width, int Height, PixelFormat Format)
{
    /// <summary>Bytes per row (tight).</summary>
    public int Stride => VideoFrame.MinimumStride(Width, Format);

    /// <summary>The image in a <see cref="VideoFrame"/>, as a camera source would deliver it.</summary>
    public VideoFrame ToFrame(long index = 0, TimeSpan timestamp = default)
    {
        var frame = new VideoFrame(Data.Length);
        frame.Reset(Width, Height, Stride, Format, index, timestamp);
        Data.CopyTo(frame.Data);
        return frame;
    }

    /// <summary>ffmpeg's own conversion of this image to <paramref name="format"/>: a reference for EdgeAI's conversions.</summary>
    public RawImage ConvertedByFfmpeg(PixelFormat format)
    {
        using var dir = new TempDirectory();
        string input = dir.File("in.raw"), output = dir.File("out.raw");
        File.WriteAllBytes(input, Data);
        ExternalTool.Run("ffmpeg", ["-v", "error", "-y", "-f", "rawvideo", "-pix_fmt", FfmpegName(Format), "-s", $"{Width}x{Height}", "-i", input,
            "-f", "rawvideo", "-pix_fmt", FfmpegName(format), output]);
        return new RawImage(File.ReadAllBytes(output), Width, Height, format);
    }

    /// <summary>ffmpeg's name for <paramref name="format"/>.</summary>
    public static string FfmpegName(PixelFormat format) => format switch
    {
        PixelFormat.Bgr24 => "bgr24", PixelFormat.Rgb24 => "rgb24", PixelFormat.Gray8 => "gray", PixelFormat.Gray16 => "gray16le",
        PixelFormat.Nv12 => "nv12", PixelFormat.Yuyv => "yuyv422", _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };
}
