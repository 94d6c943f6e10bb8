using System.Globalization;
using EdgeAI.Vision;

namespace EdgeAI.TestKit;

/// <summary>Real public-domain photos from Debian's python3-skimage, which the vision and camera tests turn into frames and clips.</summary>
public static class PublicPhotos
{
    private const string Folder = "/usr/lib/python3/dist-packages/skimage/data";

    /// <summary>NASA portrait of astronaut Eileen Collins, 512x512 colour: one face near (179, 81, 93, 93).</summary>
    public static string Astronaut => Path.Combine(Folder, "astronaut.png");
    /// <summary>A cup of coffee on a table, 600x400 colour: no face.</summary>
    public static string Coffee => Path.Combine(Folder, "coffee.png");
    /// <summary>"Cameraman", 512x512 gray: one man in three-quarter view.</summary>
    public static string Camera => Path.Combine(Folder, "camera.png");

    /// <summary>Null when the photos and ffmpeg (which converts them) are here, otherwise why not.</summary>
    public static string? MissingReason =>
        !File.Exists(Astronaut) ? $"{Astronaut} is missing (apt-get install python3-skimage; ./test.sh does this)"
        : ExternalTool.MissingProgramReason("ffmpeg", "ffmpeg");

    /// <summary>
    /// A photo as raw pixels of <paramref name="format"/> converted by ffmpeg (an encoder independent of the code under
    /// test), scaled to <paramref name="width"/> x <paramref name="height"/> or passed through an ffmpeg
    /// <paramref name="filter"/> whose output is that size (the photo's own size when neither is given).
    /// </summary>
    public static RawImage Load(string path, PixelFormat format, int width = 0, int height = 0, string? filter = null)
    {
        if (width == 0 && filter is null)
        {
            var size = ExternalTool.Run("ffprobe", ["-v", "error", "-select_streams", "v:0", "-show_entries", "stream=width,height", "-of", "csv=p=0", path]).Trim().Split(',');
            width = int.Parse(size[0], CultureInfo.InvariantCulture);
            height = int.Parse(size[1], CultureInfo.InvariantCulture);
        }
        using var dir = new TempDirectory();
        string raw = dir.File("frame.raw");
        ExternalTool.Run("ffmpeg", ["-v", "error", "-y", "-i", path, "-vf", filter ?? $"scale={width}:{height}:flags=bicubic", "-f", "rawvideo", "-pix_fmt", RawImage.FfmpegName(format), raw]);
        return new RawImage(File.ReadAllBytes(raw), width, height, format);
    }
}
