namespace EdgeAI.Cli.Doctor;

/// <summary>GPIO chips (push-to-talk, LEDs), cameras and sound cards, from /dev and /proc.</summary>
public sealed class DeviceFilesProbe : IDoctorProbe
{
    /// <inheritdoc/>
    public IEnumerable<DoctorCheck> Run()
    {
        yield return Devices("GPIO", "/dev", "gpiochip*", "no /dev/gpiochip* (no GPIO controller exposed; push-to-talk and LEDs need one)", "on a dev kit: load the gpio driver or run with access to /dev/gpiochip*");
        yield return Devices("Cameras", "/dev", "video*", "no /dev/video* (vision runs on video files meanwhile)", "connect a V4L2 camera (edgeai vision --camera /dev/videoN)");
        string cards = SystemProbe.ReadOrEmpty("/proc/asound/cards");
        yield return cards.Length == 0 || cards.Contains("no soundcards", StringComparison.Ordinal)
            ? new DoctorCheck("Audio", DoctorStatus.Missing, "no ALSA sound cards (/proc/asound/cards)", "connect a microphone/speaker; voice runs on WAV files meanwhile")
            : new DoctorCheck("Audio", DoctorStatus.Ok, "ALSA: " + string.Join("; ", cards.Split('\n').Where(l => l.Contains('[')).Select(l => l.Trim())));
    }

    private static DoctorCheck Devices(string area, string folder, string pattern, string none, string fix)
    {
        var found = Directory.Exists(folder) ? Directory.GetFiles(folder, pattern).Order(StringComparer.Ordinal).ToArray() : [];
        return found.Length == 0 ? new DoctorCheck(area, DoctorStatus.Missing, none, fix) : new DoctorCheck(area, DoctorStatus.Ok, string.Join(", ", found));
    }
}
