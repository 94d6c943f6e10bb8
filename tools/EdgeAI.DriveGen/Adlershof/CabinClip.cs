using System.Diagnostics;
using System.Globalization;

namespace EdgeAI.DriveGen.Adlershof;

/// <summary>
/// The Adlershof drive's cabin camera: NASA's public-domain portrait of astronaut Eileen Collins (Debian's
/// python3-skimage) as the driver, 640x480 at 5 frames/s for the whole drive, except one glance away while moving
/// (<see cref="LookAwayFrom"/>..<see cref="LookAwayTo"/>), when she turns to the back seat and her face leaves the
/// picture (the camera sees only her shoulder). ffmpeg encodes it (mpeg4); the driver monitor's tests read it back.
/// </summary>
public static class CabinClip
{
    /// <summary>Log second the driver looks away (the car is at about 30 km/h on Rudower Chaussee).</summary>
    public const double LookAwayFrom = 457;

    /// <summary>Log second the driver looks back.</summary>
    public const double LookAwayTo = 463;

    /// <summary>The portrait.</summary>
    public const string Portrait = "/usr/lib/python3/dist-packages/skimage/data/astronaut.png";

    /// <summary>Writes the clip for a drive of <paramref name="durationSeconds"/> to <paramref name="path"/>; false (and
    /// why) when ffmpeg or the portrait is missing.</summary>
    public static bool Write(string path, double durationSeconds, out string? why)
    {
        why = null;
        if (!File.Exists(Portrait)) { why = $"{Portrait} is missing (apt-get install python3-skimage)"; return false; }
        string S(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);
        var start = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] {
            "-v", "error", "-y",
            "-loop", "1", "-framerate", "5", "-t", S(LookAwayFrom), "-i", Portrait,
            "-loop", "1", "-framerate", "5", "-t", S(LookAwayTo - LookAwayFrom), "-i", Portrait,
            "-loop", "1", "-framerate", "5", "-t", S(durationSeconds - LookAwayTo), "-i", Portrait,
            // The glance away: only the shoulder, from the portrait's lower right, fills the picture.
            "-filter_complex", "[0]scale=640:480,setsar=1[a];[1]crop=256:192:256:320,scale=640:480,setsar=1[b];[2]scale=640:480,setsar=1[c];[a][b][c]concat=n=3:v=1[v]",
            "-map", "[v]", "-c:v", "mpeg4", "-q:v", "4", "-g", "150", "-bitexact", path })
            start.ArgumentList.Add(a);
        try
        {
            using var ffmpeg = Process.Start(start)!;
            string error = ffmpeg.StandardError.ReadToEnd();
            ffmpeg.WaitForExit();
            if (ffmpeg.ExitCode == 0) return true;
            why = $"ffmpeg failed: {error.Trim()}";
        }
        catch (System.ComponentModel.Win32Exception) { why = "ffmpeg is missing (apt-get install ffmpeg)"; }
        return false;
    }
}
