using EdgeAI.TestKit;

namespace EdgeAI.Drivers.Camera.Tests;

/// <summary>
/// Short clips made by ffmpeg (an encoder independent of the code under test) from scikit-image's public-domain
/// photos: the astronaut's face, a cup of coffee (no face), and the face again; 10 frames/s, 640x480, mp4v.
/// </summary>
internal static class TestVideos
{
    public static string Astronaut => PublicPhotos.Astronaut;
    public static string Coffee => PublicPhotos.Coffee;

    /// <summary>Null when ffmpeg and the photos are here, otherwise why not.</summary>
    public static string? MissingReason => PublicPhotos.MissingReason;

    /// <summary>Face for <paramref name="faceSeconds"/>, coffee for <paramref name="noFaceSeconds"/>, face again for <paramref name="faceAgainSeconds"/>.</summary>
    public static string FaceNoFaceFace(string directory, int faceSeconds = 2, int noFaceSeconds = 2, int faceAgainSeconds = 2, bool faststart = false)
    {
        string path = Path.Combine(directory, $"clip-{faceSeconds}-{noFaceSeconds}-{faceAgainSeconds}{(faststart ? "-fast" : "")}.mp4");
        var args = new List<string> { "-v", "error", "-y",
            "-loop", "1", "-t", faceSeconds.ToString(), "-i", Astronaut,
            "-loop", "1", "-t", noFaceSeconds.ToString(), "-i", Coffee,
            "-loop", "1", "-t", faceAgainSeconds.ToString(), "-i", Astronaut,
            "-filter_complex", "[0]scale=640:480,setsar=1,fps=10[a];[1]scale=640:480,setsar=1,fps=10[b];[2]scale=640:480,setsar=1,fps=10[c];[a][b][c]concat=n=3:v=1[v]",
            "-map", "[v]", "-c:v", "mpeg4", "-q:v", "3" };
        if (faststart) args.AddRange(["-movflags", "+faststart"]);
        args.Add(path);
        ExternalTool.Run("ffmpeg", args);
        return path;
    }

    /// <summary>Face for 2 s, then the same photo with the face covered by a black box (occlusion) for 2 s, then face for 2 s.</summary>
    public static string FaceCoveredFace(string directory)
    {
        string path = Path.Combine(directory, "covered.mp4");
        // In the 640x480 frame the face spans about (230..335, 65..170); the box covers it with a margin.
        ExternalTool.Run("ffmpeg", ["-v", "error", "-y",
            "-loop", "1", "-t", "2", "-i", Astronaut, "-loop", "1", "-t", "2", "-i", Astronaut, "-loop", "1", "-t", "2", "-i", Astronaut,
            "-filter_complex", "[0]scale=640:480,setsar=1,fps=10[a];[1]scale=640:480,setsar=1,fps=10,drawbox=x=200:y=30:w=170:h=180:color=black:t=fill[b];[2]scale=640:480,setsar=1,fps=10[c];[a][b][c]concat=n=3:v=1[v]",
            "-map", "[v]", "-c:v", "mpeg4", "-q:v", "3", path]);
        return path;
    }

    /// <summary>The astronaut photo scaled to 640x480 as raw BGR bytes, decoded by ffmpeg.</summary>
    public static byte[] AstronautBgr(string directory)
    {
        string raw = Path.Combine(directory, "astronaut.bgr");
        ExternalTool.Run("ffmpeg", ["-v", "error", "-y", "-i", Astronaut, "-vf", "scale=640:480", "-f", "rawvideo", "-pix_fmt", "bgr24", raw]);
        return File.ReadAllBytes(raw);
    }
}
