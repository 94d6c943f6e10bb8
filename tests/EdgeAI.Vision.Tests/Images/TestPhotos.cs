using System.Globalization;
using EdgeAI.TestKit;
using EdgeAI.Vision;

namespace EdgeAI.Vision.Tests.Images;

/// <summary>
/// Real public-domain photos from Debian's python3-skimage, converted by ffmpeg (an independent encoder) into any
/// pixel format the vision pipeline reads.
/// </summary>
internal static class TestPhotos
{
    /// <summary>NASA portrait of astronaut Eileen Collins, 512x512 colour.</summary>
    public static string Astronaut => PublicPhotos.Astronaut;
    /// <summary>A cup of coffee on a table, 600x400 colour: no face.</summary>
    public static string Coffee => PublicPhotos.Coffee;
    /// <summary>"Cameraman", 512x512 gray: one man, face in profile-ish three-quarter view.</summary>
    public static string Camera => PublicPhotos.Camera;

    /// <summary>Null when the photos and ffmpeg are here, otherwise why not.</summary>
    public static string? MissingReason => PublicPhotos.MissingReason;

    /// <summary>
    /// A photo as raw pixels of <paramref name="format"/>, scaled to <paramref name="width"/> x <paramref name="height"/>
    /// or passed through an ffmpeg <paramref name="filter"/> whose output is that size.
    /// </summary>
    public static RawImage Load(string path, PixelFormat format, int width = 0, int height = 0, string? filter = null)
    {
        if (width == 0 && filter is null)
        {
            var size = ExternalTool.Run("ffprobe", ["-v", "error", "-select_streams", "v:0", "-show_entries", "stream=width,height", "-of", "csv=p=0", path]).Trim().Split(',');
            width = int.Parse(size[0], CultureInfo.InvariantCulture);
            height = int.Parse(size[1], CultureInfo.InvariantCulture);
        }
        string pixFmt = format switch
        {
            PixelFormat.Bgr24 => "bgr24", PixelFormat.Rgb24 => "rgb24", PixelFormat.Gray8 => "gray", PixelFormat.Gray16 => "gray16le",
            PixelFormat.Nv12 => "nv12", PixelFormat.Yuyv => "yuyv422", _ => throw new ArgumentOutOfRangeException(nameof(format)),
        };
        using var dir = new TempDirectory();
        string raw = dir.File("frame.raw");
        ExternalTool.Run("ffmpeg", ["-v", "error", "-y", "-i", path, "-vf", filter ?? $"scale={width}:{height}:flags=bicubic", "-f", "rawvideo", "-pix_fmt", pixFmt, raw]);
        return new RawImage(File.ReadAllBytes(raw), width, height, format);
    }
}

/// <summary>Raw pixels with tight rows.</summary>
internal sealed record RawImage(byte[] Data, int Width, int Height, PixelFormat Format)
{
    public int Stride => VideoFrame.MinimumStride(Width, Format);

    /// <summary>The image in a <see cref="VideoFrame"/>, as a camera source would deliver it.</summary>
    public VideoFrame ToFrame(long index = 0, TimeSpan timestamp = default)
    {
        var frame = new VideoFrame(Data.Length);
        frame.Reset(Width, Height, Stride, Format, index, timestamp);
        Data.CopyTo(frame.Data);
        return frame;
    }
}
