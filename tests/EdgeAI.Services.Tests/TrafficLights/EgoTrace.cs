using System.Globalization;
using System.Xml;
using EdgeAI.Services.Geo;
using EdgeAI.TestKit;

namespace EdgeAI.Services.Tests.TrafficLights;

/// <summary>
/// SUMO's trace of the bundled drive's ego car (<c>sumo/fcd.xml</c>), one sample a second on the scenario clock
/// (scenario = SUMO - 100 s), and its stops.
/// </summary>
internal static class EgoTrace
{
    /// <summary>Scenario clock = SUMO clock - 120 s (the ego departs) + 20 s (DriveGen's lead-in).</summary>
    public const double SumoToScenarioOffsetS = -100;

    /// <summary>One sample: time (scenario clock), lane and its edge, position along the lane, speed, GPS position.</summary>
    public readonly record struct Sample(double T, string Lane, string Edge, double PosM, double SpeedMps, GeoPoint Position)
    {
        /// <summary>Whether the lane is inside a junction (SUMO ids starting with ':').</summary>
        public bool Internal => Lane.StartsWith(':');
    }

    /// <summary>A standstill: the samples from <paramref name="First"/> to <paramref name="Last"/> (indices) are below 0.1 m/s.</summary>
    public readonly record struct Stop(int First, int Last, double FromS, double ToS)
    {
        /// <summary>Seconds stood still: the samples' count at 1 Hz.</summary>
        public double DurationS => ToS - FromS + 1;
    }

    private static readonly Lazy<List<Sample>> Loaded = new(Load);

    /// <summary>The ego's samples in time order.</summary>
    public static IReadOnlyList<Sample> Samples => Loaded.Value;

    public static string SumoFile(string name) => RepoPaths.Get("models", "scenarios", "adlershof-drive", "sumo", name);

    /// <summary>Every standstill of the ego, in order.</summary>
    public static List<Stop> Stops()
    {
        var s = Samples;
        var stops = new List<Stop>();
        for (var i = 0; i < s.Count; i++)
        {
            if (s[i].SpeedMps >= 0.1) continue;
            var j = i;
            while (j + 1 < s.Count && s[j + 1].SpeedMps < 0.1) j++;
            stops.Add(new Stop(i, j, s[i].T, s[j].T));
            i = j;
        }
        return stops;
    }

    /// <summary>The first edge outside a junction after sample <paramref name="i"/> that differs from its edge, or null.</summary>
    public static string? NextEdge(int i)
    {
        var s = Samples;
        for (var j = i + 1; j < s.Count; j++)
            if (!s[j].Internal && s[j].Edge != s[i].Edge) return s[j].Edge;
        return null;
    }

    /// <summary>The last edge outside a junction at or before sample <paramref name="i"/>.</summary>
    public static string? CurrentOrPreviousEdge(int i)
    {
        var s = Samples;
        for (var j = i; j >= 0; j--)
            if (!s[j].Internal) return s[j].Edge;
        return null;
    }

    private static List<Sample> Load()
    {
        var samples = new List<Sample>();
        using var xml = XmlReader.Create(SumoFile("fcd.xml"));
        double time = 0;
        while (xml.Read())
        {
            if (xml.NodeType != XmlNodeType.Element) continue;
            if (xml.Name == "timestep") time = Number(xml, "time");
            else if (xml.Name == "vehicle" && xml.GetAttribute("id") == "ego")
            {
                var lane = xml.GetAttribute("lane")!;
                samples.Add(new Sample(time + SumoToScenarioOffsetS, lane, lane[..lane.LastIndexOf('_')], Number(xml, "pos"), Number(xml, "speed"),
                    new GeoPoint(Number(xml, "y"), Number(xml, "x"))));
            }
        }
        return samples;
    }

    private static double Number(XmlReader xml, string name) => double.Parse(xml.GetAttribute(name)!, CultureInfo.InvariantCulture);
}
