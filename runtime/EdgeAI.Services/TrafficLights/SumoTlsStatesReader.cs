using System.Globalization;
using System.IO.Compression;
using System.Xml;

namespace EdgeAI.Services.TrafficLights;

/// <summary>
/// Reads SUMO's SaveTLSStates output (<c>tls-states.xml</c>, optionally <c>.gz</c>): <c>&lt;tlsState time id programID
/// phase state/&gt;</c> records, into one <see cref="SignalTimeline"/> per controller holding only the phase changes.
/// </summary>
public static class SumoTlsStatesReader
{
    /// <summary>Reads <paramref name="path"/>; times are shifted by <paramref name="offsetS"/> (scenario = SUMO + offset).</summary>
    /// <exception cref="SpatFormatException">a record lacks a field or is out of order (names file and line).</exception>
    public static IReadOnlyDictionary<string, SignalTimeline> Read(string path, double offsetS)
    {
        using var file = File.OpenRead(path);
        using Stream stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : file;
        var switches = new Dictionary<string, List<PhaseSwitch>>(StringComparer.Ordinal);
        using var xml = XmlReader.Create(stream, new XmlReaderSettings { IgnoreComments = true, DtdProcessing = DtdProcessing.Prohibit });
        var info = (IXmlLineInfo)xml;
        try
        {
            while (xml.Read())
            {
                if (xml.NodeType != XmlNodeType.Element || xml.Name != "tlsState") continue;
                var line = info.LineNumber;
                var id = xml.GetAttribute("id");
                if (string.IsNullOrEmpty(id)) throw new SpatFormatException(path, line, "expected tlsState/@id");
                if (!double.TryParse(xml.GetAttribute("time"), NumberStyles.Float, CultureInfo.InvariantCulture, out var time))
                    throw new SpatFormatException(path, line, "expected tlsState/@time in seconds");
                if (!int.TryParse(xml.GetAttribute("phase"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var phase) || phase < 0)
                    throw new SpatFormatException(path, line, "expected tlsState/@phase, a phase index");
                if (!switches.TryGetValue(id, out var list)) switches[id] = list = [];
                var t = time + offsetS;
                if (list.Count > 0 && t < list[^1].Time) throw new SpatFormatException(path, line, $"expected times in order for {id}, got {time} after {list[^1].Time - offsetS}");
                if (list.Count == 0 || list[^1].Phase != phase) list.Add(new PhaseSwitch(t, phase));
            }
        }
        catch (XmlException e) { throw new SpatFormatException(path, e.LineNumber, "not well-formed XML: " + e.Message); }
        var result = new Dictionary<string, SignalTimeline>(StringComparer.Ordinal);
        foreach (var (id, list) in switches) result[id] = new SignalTimeline(id, list);
        return result;
    }
}
