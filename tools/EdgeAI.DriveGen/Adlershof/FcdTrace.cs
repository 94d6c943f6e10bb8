using System.Globalization;
using System.Xml;

namespace EdgeAI.DriveGen.Adlershof;

/// <summary>
/// One vehicle's floating-car data from SUMO (<c>--fcd-output F --fcd-output.geo</c>): position, heading, speed and lane
/// per simulation step. Read from the committed file, so regenerating the drive never needs SUMO.
/// </summary>
internal sealed class FcdTrace
{
    /// <summary>One step: SUMO time (s), WGS84 position, heading (degrees from north, clockwise), speed (m/s), lane id.</summary>
    internal readonly record struct Sample(double Time, double Lat, double Lon, double HeadingDeg, double SpeedMps, string Lane);

    private readonly Sample[] _samples;

    private FcdTrace(Sample[] samples) => _samples = samples;

    public IReadOnlyList<Sample> Samples => _samples;

    public double Start => _samples[0].Time;

    public double End => _samples[^1].Time;

    /// <summary>Reads vehicle <paramref name="vehicle"/>'s steps from <paramref name="path"/>.</summary>
    public static FcdTrace Read(string path, string vehicle)
    {
        var samples = new List<Sample>();
        using var xml = XmlReader.Create(path, new XmlReaderSettings { IgnoreComments = true, DtdProcessing = DtdProcessing.Prohibit });
        double time = 0;
        while (xml.Read())
        {
            if (xml.NodeType != XmlNodeType.Element) continue;
            if (xml.LocalName == "timestep") time = Number(xml, "time");
            else if (xml.LocalName == "vehicle" && xml.GetAttribute("id") == vehicle)
                samples.Add(new Sample(time, Number(xml, "y"), Number(xml, "x"), Number(xml, "angle"), Number(xml, "speed"), xml.GetAttribute("lane") ?? ""));
        }
        if (samples.Count < 2) throw new InvalidDataException($"{path}: expected the steps of vehicle {vehicle} (SUMO --fcd-output with --fcd-output.geo)");
        return new FcdTrace([.. samples]);
    }

    /// <summary>The state at SUMO time <paramref name="time"/>, interpolated linearly between steps (heading the short way round).</summary>
    public Sample At(double time)
    {
        if (time <= _samples[0].Time) return _samples[0];
        if (time >= _samples[^1].Time) return _samples[^1];
        int hi = 1;
        while (_samples[hi].Time < time) hi++;
        var a = _samples[hi - 1];
        var b = _samples[hi];
        double f = (time - a.Time) / (b.Time - a.Time);
        double turn = ((b.HeadingDeg - a.HeadingDeg + 540) % 360) - 180;
        return new Sample(time, a.Lat + (b.Lat - a.Lat) * f, a.Lon + (b.Lon - a.Lon) * f, (a.HeadingDeg + turn * f + 360) % 360,
            a.SpeedMps + (b.SpeedMps - a.SpeedMps) * f, f < 0.5 ? a.Lane : b.Lane);
    }

    /// <summary>Stops of at least <paramref name="minSeconds"/>: (from, to) in SUMO time.</summary>
    public IEnumerable<(double From, double To)> Stops(double minSeconds)
    {
        double? from = null;
        foreach (var s in _samples)
        {
            if (s.SpeedMps < 0.1) from ??= s.Time;
            else if (from is { } f)
            {
                if (s.Time - f >= minSeconds) yield return (f, s.Time);
                from = null;
            }
        }
    }

    private static double Number(XmlReader xml, string name) =>
        double.Parse(xml.GetAttribute(name) ?? throw new InvalidDataException($"<{xml.LocalName}> has no {name}"), NumberStyles.Float, CultureInfo.InvariantCulture);
}
