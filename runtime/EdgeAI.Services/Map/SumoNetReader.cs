using System.Globalization;
using System.Xml;
using EdgeAI.Services.Geo;

namespace EdgeAI.Services.Map;

/// <summary>
/// Reads a SUMO network (<c>.net.xml</c>, as written by netconvert) into a <see cref="RoadGraph"/> and its
/// <see cref="TrafficSignal"/>s: the edges cars may use (internal, crossing and walking-area edges and lanes closed to
/// passenger cars are left out), their lengths, speeds and shapes, the turns allowed by the lane connections (every
/// other turn at a node is banned), and the traffic-light programs with the movements they control. Positions are
/// converted from the network's UTM projection (<c>location/@projParameter</c>, <c>@netOffset</c>) to WGS84.
/// </summary>
public static class SumoNetReader
{
    /// <summary>Reads <paramref name="path"/>.</summary>
    /// <exception cref="MapFormatException">the file is not a SUMO network this reader understands (names file and line).</exception>
    public static (RoadGraph Graph, IReadOnlyList<TrafficSignal> Signals) Read(string path)
    {
        using var stream = File.OpenRead(path);
        return Read(stream, path);
    }

    /// <summary>Reads a network from <paramref name="stream"/>; <paramref name="name"/> is used in errors.</summary>
    public static (RoadGraph Graph, IReadOnlyList<TrafficSignal> Signals) Read(Stream stream, string name)
    {
        var net = new RawNet();
        using (var xml = XmlReader.Create(stream, new XmlReaderSettings { IgnoreComments = true, DtdProcessing = DtdProcessing.Prohibit }))
        {
            try { Parse(xml, net, name); }
            catch (XmlException e) { throw new MapFormatException(name, e.LineNumber, "not well-formed XML: " + e.Message); }
        }
        if (net.Zone == 0) throw new MapFormatException(name, 0, "expected a <location> with a UTM projParameter (+proj=utm +zone=N); other projections are not supported");
        return Build(net, name);
    }

    private sealed class RawNet
    {
        public int Zone;
        public bool South;
        public double OffsetX, OffsetY;
        public readonly Dictionary<string, (double X, double Y)> Junctions = new(StringComparer.Ordinal);
        public readonly List<RawEdge> Edges = [];
        public readonly List<RawConnection> Connections = [];
        public readonly Dictionary<string, RawProgram> Programs = new(StringComparer.Ordinal);
    }

    private sealed class RawEdge
    {
        public required string Id, From, To, Type;
        public string? Name, Shape;
        public int Line;
        public readonly List<(int Index, double Speed, double Length, bool Cars, string? Shape)> Lanes = [];
    }

    private sealed record RawConnection(string From, string To, int FromLane, int ToLane, string? Tl, int LinkIndex, char Dir);

    private sealed class RawProgram
    {
        public double Offset;
        public readonly List<SignalPhase> Phases = [];
    }

    private static void Parse(XmlReader xml, RawNet net, string name)
    {
        RawEdge? edge = null;
        RawProgram? program = null;
        var info = (IXmlLineInfo)xml;
        bool sawNet = false;
        while (xml.Read())
        {
            if (xml.NodeType == XmlNodeType.EndElement)
            {
                if (xml.LocalName == "edge") edge = null;
                else if (xml.LocalName == "tlLogic") program = null;
                continue;
            }
            if (xml.NodeType != XmlNodeType.Element) continue;
            int line = info.LineNumber;
            switch (xml.LocalName)
            {
                case "net":
                    sawNet = true;
                    break;
                case "location":
                    ParseLocation(xml, net, name, line);
                    break;
                case "edge":
                    edge = null;
                    if (xml.GetAttribute("function") is { } function && function != "normal") break;
                    edge = new RawEdge
                    {
                        Id = Required(xml, "id", name, line), From = Required(xml, "from", name, line), To = Required(xml, "to", name, line),
                        Type = xml.GetAttribute("type") ?? "", Name = xml.GetAttribute("name"), Shape = xml.GetAttribute("shape"), Line = line,
                    };
                    net.Edges.Add(edge);
                    if (xml.IsEmptyElement) edge = null;
                    break;
                case "lane" when edge is not null:
                    edge.Lanes.Add((
                        (int)Number(xml, "index", name, line), Number(xml, "speed", name, line), Number(xml, "length", name, line),
                        AllowsCars(xml.GetAttribute("allow"), xml.GetAttribute("disallow")), xml.GetAttribute("shape")));
                    break;
                case "junction":
                    if (xml.GetAttribute("type") == "internal") break;
                    net.Junctions[Required(xml, "id", name, line)] = (Number(xml, "x", name, line), Number(xml, "y", name, line));
                    break;
                case "connection":
                    var from = Required(xml, "from", name, line);
                    if (from.StartsWith(':')) break; // a connection inside a junction
                    var tl = xml.GetAttribute("tl");
                    net.Connections.Add(new RawConnection(
                        from, Required(xml, "to", name, line), (int)Number(xml, "fromLane", name, line), (int)Number(xml, "toLane", name, line),
                        tl, tl is null ? -1 : (int)Number(xml, "linkIndex", name, line), (xml.GetAttribute("dir") ?? "s")[0]));
                    break;
                case "tlLogic":
                    program = new RawProgram { Offset = xml.GetAttribute("offset") is null ? 0 : Number(xml, "offset", name, line) };
                    // Several programs per signal: the first one is the one that runs.
                    net.Programs.TryAdd(Required(xml, "id", name, line), program);
                    if (xml.IsEmptyElement) program = null;
                    break;
                case "phase" when program is not null:
                    var duration = Number(xml, "duration", name, line);
                    var state = Required(xml, "state", name, line);
                    program.Phases.Add(new SignalPhase(duration, state,
                        xml.GetAttribute("minDur") is null ? duration : Number(xml, "minDur", name, line),
                        xml.GetAttribute("maxDur") is null ? duration : Number(xml, "maxDur", name, line)));
                    break;
            }
        }
        if (!sawNet) throw new MapFormatException(name, 0, "expected a SUMO network (<net> root element)");
    }

    /// <summary>
    /// The network's projection from net coordinates (metres, <c>netOffset</c> applied) to WGS84, read from its
    /// <c>&lt;location&gt;</c> element: what SUMO additional files (POIs, polygons) with x, y need.
    /// </summary>
    /// <exception cref="MapFormatException">the file has no UTM location.</exception>
    internal static Func<double, double, GeoPoint> ReadProjection(string path)
    {
        var net = new RawNet();
        using var xml = XmlReader.Create(path, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, IgnoreComments = true });
        var info = (IXmlLineInfo)xml;
        while (xml.Read())
        {
            if (xml.NodeType != XmlNodeType.Element || xml.LocalName != "location") continue;
            ParseLocation(xml, net, path, info.LineNumber);
            return (x, y) => Utm.Inverse(x - net.OffsetX, y - net.OffsetY, net.Zone, net.South);
        }
        throw new MapFormatException(path, 0, "expected a <location> with a UTM projParameter (+proj=utm +zone=N)");
    }

    private static void ParseLocation(XmlReader xml, RawNet net, string name, int line)
    {
        var offset = Required(xml, "netOffset", name, line).Split(',');
        if (offset.Length != 2 || !TryDouble(offset[0], out net.OffsetX) || !TryDouble(offset[1], out net.OffsetY))
            throw new MapFormatException(name, line, "expected netOffset=\"X,Y\" in metres");
        var proj = xml.GetAttribute("projParameter") ?? "";
        foreach (var part in proj.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part.StartsWith("+zone=", StringComparison.Ordinal) && int.TryParse(part.AsSpan(6), CultureInfo.InvariantCulture, out var zone)) net.Zone = zone;
            if (part == "+south") net.South = true;
        }
        if (!proj.Contains("+proj=utm", StringComparison.Ordinal) || net.Zone is < 1 or > 60)
            throw new MapFormatException(name, line, $"expected a UTM projParameter (+proj=utm +zone=1..60), got \"{proj}\"");
    }

    private static (RoadGraph, IReadOnlyList<TrafficSignal>) Build(RawNet net, string name)
    {
        GeoPoint ToWgs84(double x, double y) => Utm.Inverse(x - net.OffsetX, y - net.OffsetY, net.Zone, net.South);

        var nodes = new List<RoadNode>();
        var nodeIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        int Node(string id, RawEdge e)
        {
            if (nodeIndex.TryGetValue(id, out var i)) return i;
            if (!net.Junctions.TryGetValue(id, out var xy)) throw new MapFormatException(name, e.Line, $"edge {e.Id} names junction {id}, which the file does not define");
            i = nodes.Count;
            nodes.Add(new RoadNode(i, id, ToWgs84(xy.X, xy.Y)));
            nodeIndex[id] = i;
            return i;
        }

        var edges = new List<RoadEdge>();
        var edgeIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var carLanes = new Dictionary<string, HashSet<int>>(StringComparer.Ordinal);
        var directions = new HashSet<(string, string)>();
        foreach (var e in net.Edges) directions.Add((e.From, e.To));
        foreach (var e in net.Edges)
        {
            var lanes = e.Lanes.Where(l => l.Cars).ToList();
            if (lanes.Count == 0) continue;
            int from = Node(e.From, e), to = Node(e.To, e);
            var shapeText = e.Shape ?? e.Lanes[0].Shape;
            var shape = new List<GeoPoint>();
            if (e.Shape is null) shape.Add(nodes[from].Position);
            foreach (var (x, y) in ParseShape(shapeText, name, e.Line)) shape.Add(ToWgs84(x, y));
            if (e.Shape is null) shape.Add(nodes[to].Position);
            var roadClass = e.Type.StartsWith("highway.", StringComparison.Ordinal) ? e.Type["highway.".Length..] : e.Type;
            if (roadClass.Contains('|')) roadClass = roadClass[..roadClass.IndexOf('|')];
            var index = edges.Count;
            edges.Add(new RoadEdge(index, e.Id, from, to, roadClass, e.Name, lanes.Max(l => l.Length), lanes.Max(l => l.Speed),
                !directions.Contains((e.To, e.From)), lanes.Count, shape));
            edgeIndex[e.Id] = index;
            carLanes[e.Id] = lanes.Select(l => l.Index).ToHashSet();
        }

        var allowed = new HashSet<(int, int)>();
        var links = new Dictionary<string, SortedSet<(int Link, int From, int To, char Dir)>>(StringComparer.Ordinal);
        // SUMO's lane shapes end at the stop line; the edge's shape runs on to the junction's centre.
        var stopLines = new Dictionary<(string Tl, int Link), GeoPoint>();
        var rawEdges = net.Edges.ToDictionary(e => e.Id, StringComparer.Ordinal);
        foreach (var c in net.Connections)
        {
            if (!edgeIndex.TryGetValue(c.From, out var from) || !edgeIndex.TryGetValue(c.To, out var to)) continue;
            if (!carLanes[c.From].Contains(c.FromLane) || !carLanes[c.To].Contains(c.ToLane)) continue;
            allowed.Add((from, to));
            if (c.Tl is null) continue;
            if (!links.TryGetValue(c.Tl, out var set)) links[c.Tl] = set = [];
            set.Add((c.LinkIndex, from, to, c.Dir));
            var raw = rawEdges[c.From];
            var laneShape = ParseShape(raw.Lanes.Find(l => l.Index == c.FromLane).Shape, name, raw.Line).ToList();
            if (laneShape.Count > 0) stopLines.TryAdd((c.Tl, c.LinkIndex), ToWgs84(laneShape[^1].X, laneShape[^1].Y));
        }
        var leaving = edges.ToLookup(e => e.From);
        var banned = new List<(int, int)>();
        foreach (var e in edges)
            foreach (var next in leaving[e.To])
                if (!allowed.Contains((e.Index, next.Index))) banned.Add((e.Index, next.Index));
        var graph = new RoadGraph(nodes, edges, banned);

        var signals = new List<TrafficSignal>();
        foreach (var (id, program) in net.Programs.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (!links.TryGetValue(id, out var set) || program.Phases.Count == 0) continue;
            var signalLinks = set.Select(l => new SignalLink(l.Link, l.From, l.To, l.Dir,
                stopLines.TryGetValue((id, l.Link), out var stop) ? stop : null)).ToList();
            var width = program.Phases[0].State.Length;
            var bad = signalLinks.FirstOrDefault(l => l.LinkIndex >= width);
            if (bad is not null) throw new MapFormatException(name, 0, $"traffic light {id}: link index {bad.LinkIndex} is beyond its {width}-letter phase states");
            // The intersection is where the controlled approaches end.
            var ends = signalLinks.Select(l => graph.Nodes[graph.Edges[l.FromEdge].To].Position).ToList();
            var position = new GeoPoint(ends.Average(p => p.Lat), ends.Average(p => p.Lon));
            signals.Add(new TrafficSignal(id, position, program.Offset, program.Phases, signalLinks));
        }
        return (graph, signals);
    }

    private static IEnumerable<(double X, double Y)> ParseShape(string? shape, string name, int line)
    {
        if (string.IsNullOrWhiteSpace(shape)) yield break;
        foreach (var pair in shape.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var xy = pair.Split(',');
            if (xy.Length < 2 || !TryDouble(xy[0], out var x) || !TryDouble(xy[1], out var y))
                throw new MapFormatException(name, line, $"expected a shape of \"X,Y\" pairs, got \"{pair}\"");
            yield return (x, y);
        }
    }

    private static bool AllowsCars(string? allow, string? disallow)
    {
        if (allow is not null) return allow == "all" || allow.Split(' ').Contains("passenger");
        if (disallow is not null) return disallow != "all" && !disallow.Split(' ').Contains("passenger");
        return true;
    }

    private static string Required(XmlReader xml, string attribute, string name, int line) =>
        xml.GetAttribute(attribute) ?? throw new MapFormatException(name, line, $"<{xml.LocalName}> needs the attribute {attribute}");

    private static double Number(XmlReader xml, string attribute, string name, int line) =>
        TryDouble(Required(xml, attribute, name, line), out var v) ? v
            : throw new MapFormatException(name, line, $"<{xml.LocalName}> {attribute}=\"{xml.GetAttribute(attribute)}\": expected a number");

    private static bool TryDouble(string s, out double v) =>
        double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out v) && double.IsFinite(v);
}
