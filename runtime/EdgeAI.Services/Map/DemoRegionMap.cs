using System.Globalization;
using System.Xml;
using EdgeAI.Services.Geo;

namespace EdgeAI.Services.Map;

/// <summary>
/// Builds the demo region, Berlin-Adlershof, from the files <c>edgeai models fetch</c> puts into
/// <c>&lt;cache&gt;/sumo-adlershof/</c> (Debian's sumo-tools): the road network and signals of <c>osm.net.xml</c>, and
/// the landmarks of <c>drt.pois.xml</c> (SUMO POIs in net coordinates, converted to WGS84 with the network's offset and
/// UTM zone). Generated POIs (chargers, restaurants, parking; see tools/EdgeAI.MapGen) are passed in by the caller.
/// </summary>
public static class DemoRegionMap
{
    /// <summary>The region's name.</summary>
    public const string Name = "Berlin-Adlershof";

    /// <summary>The attribution every view of the region must show.</summary>
    public const string Attribution = "© OpenStreetMap contributors (ODbL); network by Eclipse SUMO (EPL-2.0)";

    /// <summary>The network file's name in the region folder.</summary>
    public const string NetworkFile = "osm.net.xml";

    /// <summary>The landmark file's name in the region folder.</summary>
    public const string LandmarkFile = "drt.pois.xml";

    // SUMO's drt.pois.xml names its stops by abbreviation; the readable names of those we are sure of (BTB, KWB stay as they are).
    private static readonly Dictionary<string, string> LandmarkNames = new(StringComparer.Ordinal)
    {
        ["Bhf Adlershof"] = "Bhf Adlershof",
        ["HU"] = "Humboldt-Universität (Campus Adlershof)",
        ["Bessy"] = "BESSY II",
        ["DLR"] = "DLR",
        ["ISAS"] = "ISAS (Leibniz-Institut für Analytische Wissenschaften)",
        ["BAM"] = "BAM (Bundesanstalt für Materialforschung und -prüfung)",
    };

    /// <summary>The region's files' folder in the model cache: <c>&lt;cache&gt;/sumo-adlershof</c>.</summary>
    public static string Folder(string cacheRoot) => Path.Combine(cacheRoot, "sumo-adlershof");

    /// <summary>Builds the region from <paramref name="folder"/>, adding <paramref name="extraPois"/> (generated ones) after the landmarks.</summary>
    /// <exception cref="MapFormatException">a file is missing or malformed (named, with its line).</exception>
    public static RegionMap Build(string folder, IEnumerable<Poi>? extraPois = null)
    {
        string net = Path.Combine(folder, NetworkFile), pois = Path.Combine(folder, LandmarkFile);
        foreach (var f in new[] { net, pois })
            if (!File.Exists(f)) throw new MapFormatException(f, 0, "missing (fetch the demo region: edgeai models fetch sumo-adlershof)");
        var (graph, signals) = SumoNetReader.Read(net);
        var landmarks = ReadLandmarks(pois, SumoNetReader.ReadProjection(net));
        return new RegionMap(Name, Attribution, graph, signals, [.. landmarks, .. extraPois ?? []]);
    }

    /// <summary>Reads SUMO <c>&lt;poi id x y type&gt;</c> elements as landmarks: the type is the id, its readable name the name.</summary>
    internal static List<Poi> ReadLandmarks(string path, Func<double, double, GeoPoint> toWgs84)
    {
        var result = new List<Poi>();
        using var xml = XmlReader.Create(path, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, IgnoreComments = true });
        var info = (IXmlLineInfo)xml;
        try
        {
            while (xml.Read())
            {
                if (xml.NodeType != XmlNodeType.Element || xml.LocalName != "poi") continue;
                int line = info.LineNumber;
                string type = xml.GetAttribute("type") ?? throw new MapFormatException(path, line, "expected a type attribute on <poi> (its name)");
                if (!double.TryParse(xml.GetAttribute("x"), NumberStyles.Float, CultureInfo.InvariantCulture, out double x)
                    || !double.TryParse(xml.GetAttribute("y"), NumberStyles.Float, CultureInfo.InvariantCulture, out double y))
                    throw new MapFormatException(path, line, "expected x and y in net coordinates (metres) on <poi>");
                result.Add(new Poi(type, PoiKind.Landmark, LandmarkNames.GetValueOrDefault(type, type), toWgs84(x, y), Generated: false));
            }
        }
        catch (XmlException e)
        {
            throw new MapFormatException(path, e.LineNumber, $"expected SUMO additional XML: {e.Message}");
        }
        return result;
    }
}
