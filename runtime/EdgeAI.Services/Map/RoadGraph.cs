namespace EdgeAI.Services.Map;

/// <summary>
/// The drivable road network in memory: nodes, directed edges and turn restrictions (banned turns between two edges,
/// banned paths over three or more). Built by a reader
/// (the SUMO net reader, the OSM importer) or loaded from the map store; immutable once built.
/// </summary>
public sealed class RoadGraph
{
    private readonly int[][] _out;
    private readonly int[][] _in;
    private readonly HashSet<long> _bannedTurns;

    /// <summary>Builds the graph and its adjacency. <paramref name="bannedTurns"/> are (from edge, to edge) index pairs
    /// that share a node and may not be driven one after the other. <paramref name="bannedPaths"/> are sequences of three
    /// or more edges, each meeting the next, that may not be driven in that order (an OSM turn restriction via a way:
    /// from way A via way B to way C); driving only a part of one is allowed.</summary>
    /// <exception cref="ArgumentException">an edge or node index is out of range, or a banned path is shorter than three
    /// edges or has edges that do not meet.</exception>
    public RoadGraph(IReadOnlyList<RoadNode> nodes, IReadOnlyList<RoadEdge> edges, IEnumerable<(int FromEdge, int ToEdge)> bannedTurns,
        IEnumerable<IReadOnlyList<int>>? bannedPaths = null)
    {
        Nodes = nodes;
        Edges = edges;
        for (var i = 0; i < nodes.Count; i++)
            if (nodes[i].Index != i) throw new ArgumentException($"node {nodes[i].Id} has index {nodes[i].Index}, expected {i}");
        var outLists = new List<int>[nodes.Count];
        var inLists = new List<int>[nodes.Count];
        for (var i = 0; i < nodes.Count; i++) { outLists[i] = []; inLists[i] = []; }
        for (var i = 0; i < edges.Count; i++)
        {
            var e = edges[i];
            if (e.Index != i) throw new ArgumentException($"edge {e.Id} has index {e.Index}, expected {i}");
            if ((uint)e.From >= (uint)nodes.Count || (uint)e.To >= (uint)nodes.Count)
                throw new ArgumentException($"edge {e.Id} joins nodes {e.From} and {e.To}, outside 0..{nodes.Count - 1}");
            if (!(e.LengthM > 0) || !(e.SpeedLimitMps > 0))
                throw new ArgumentException($"edge {e.Id} needs a positive length and speed limit (got {e.LengthM} m, {e.SpeedLimitMps} m/s)");
            outLists[e.From].Add(i);
            inLists[e.To].Add(i);
        }
        _out = Array.ConvertAll(outLists, l => l.ToArray());
        _in = Array.ConvertAll(inLists, l => l.ToArray());
        _bannedTurns = [];
        foreach (var (from, to) in bannedTurns) _bannedTurns.Add(TurnKey(from, to));
        var paths = new List<IReadOnlyList<int>>();
        foreach (var path in bannedPaths ?? [])
        {
            if (path.Count < 3) throw new ArgumentException($"a banned path needs three or more edges (two are a banned turn), got {path.Count}");
            for (var i = 0; i < path.Count; i++)
            {
                if ((uint)path[i] >= (uint)edges.Count) throw new ArgumentException($"banned path names edge {path[i]}, outside 0..{edges.Count - 1}");
                if (i > 0 && edges[path[i - 1]].To != edges[path[i]].From)
                    throw new ArgumentException($"banned path: edge {edges[path[i - 1]].Id} does not lead to edge {edges[path[i]].Id}");
            }
            paths.Add([.. path]);
        }
        BannedPaths = paths;
    }

    /// <summary>All nodes; a node's <see cref="RoadNode.Index"/> is its position here.</summary>
    public IReadOnlyList<RoadNode> Nodes { get; }

    /// <summary>All directed edges; an edge's <see cref="RoadEdge.Index"/> is its position here.</summary>
    public IReadOnlyList<RoadEdge> Edges { get; }

    /// <summary>Number of banned (from edge, to edge) turns.</summary>
    public int BannedTurnCount => _bannedTurns.Count;

    /// <summary>The banned turns, as (from edge, to edge) index pairs.</summary>
    public IEnumerable<(int FromEdge, int ToEdge)> BannedTurns => _bannedTurns.Select(k => ((int)(k >> 32), (int)(k & 0xFFFF_FFFF)));

    /// <summary>Edge sequences of three or more edges that may not be driven in that order (restrictions via a way).</summary>
    public IReadOnlyList<IReadOnlyList<int>> BannedPaths { get; }

    /// <summary>Indices of the edges leaving <paramref name="node"/>.</summary>
    public ReadOnlySpan<int> OutEdges(int node) => _out[node];

    /// <summary>Indices of the edges entering <paramref name="node"/>.</summary>
    public ReadOnlySpan<int> InEdges(int node) => _in[node];

    /// <summary>Whether a car on <paramref name="fromEdge"/> may continue onto <paramref name="toEdge"/>
    /// (the edges must meet at a node; restrictions and missing connections say no).</summary>
    public bool IsTurnAllowed(int fromEdge, int toEdge) =>
        Edges[fromEdge].To == Edges[toEdge].From && !_bannedTurns.Contains(TurnKey(fromEdge, toEdge));

    private static long TurnKey(int from, int to) => ((long)from << 32) | (uint)to;
}
