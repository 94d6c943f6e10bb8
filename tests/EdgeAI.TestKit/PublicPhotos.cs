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
}
