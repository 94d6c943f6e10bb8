using System.Globalization;
using System.Text.Json;
using EdgeAI.Inference.Models;
using EdgeAI.TestKit;

namespace EdgeAI.Drivers.Camera.Tests;

/// <summary>
/// The Adlershof drive's cabin clip through <c>edgeai vision</c> and the real BlazeFace model: the driver's face is in
/// view for the whole drive except one glance away, which happens while the car moves (GPS speed from the same
/// scenario) and which the regulation profile turns into one alert.
/// </summary>
public sealed class AdlershofCabinClipTests
{
    private static string Folder => RepoPaths.Get("models", "scenarios", "adlershof-drive");

    [Fact]
    public void CabinClip_DriverLooksAwayOnceWhileMoving_AndTheMonitorAlertsOnce()
    {
        try { new ModelCache().GetPath("blazeface-front"); }
        catch (ModelNotAvailableException e) { Assert.Skip(e.Message); }
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = EdgeAI.Cli.Program.Run(["vision", Path.Combine(Folder, "cabin.mp4"), "--json", "--profile", "regulation"], stdout, stderr);
        Assert.True(code == 0, stderr.ToString());

        var away = new List<double>();
        var alerts = new List<double>();
        string? previous = null;
        foreach (var line in stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!line.StartsWith("{\"frame\"", StringComparison.Ordinal)) continue;
            var frame = JsonDocument.Parse(line).RootElement;
            double t = frame.GetProperty("t").GetDouble();
            if (frame.GetProperty("faces").GetArrayLength() == 0) away.Add(t);
            string state = frame.GetProperty("attention").GetProperty("state").GetString()!;
            if (state == "alert" && previous != "alert") alerts.Add(t);
            previous = state;
        }

        // One contiguous glance of about 6 s (5 frames/s).
        Assert.InRange(away.Count, 28, 32);
        Assert.InRange(away[^1] - away[0], 5.4, 6.2);
        Assert.Single(alerts);
        Assert.InRange(alerts[0] - away[0], 2.9, 3.3); // Euro NCAP long distraction: one glance of 3 s
        // The car is moving throughout it, by the scenario's own GPS.
        var speeds = GpsSpeedsKph(Path.Combine(Folder, "gps.nmea"));
        for (int s = (int)Math.Ceiling(away[0]); s <= (int)away[^1]; s++)
            Assert.True(speeds[s] > 20, $"{speeds[s]:F1} km/h at {s} s");
    }

    /// <summary>RMC speed per second of the drive (the file's first fix is second 1).</summary>
    private static Dictionary<int, double> GpsSpeedsKph(string nmea)
    {
        var speeds = new Dictionary<int, double>();
        int second = 0;
        foreach (var line in File.ReadLines(nmea))
        {
            if (!line.StartsWith("$GPRMC", StringComparison.Ordinal)) continue;
            second++;
            speeds[second] = double.Parse(line.Split(',')[7], CultureInfo.InvariantCulture) * 1.852;
        }
        return speeds;
    }
}
