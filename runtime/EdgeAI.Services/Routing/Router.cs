using EdgeAI.Services.Geo;
using EdgeAI.Services.Map;

namespace EdgeAI.Services.Routing;

/// <summary>
/// Fastest routes on a <see cref="RoadGraph"/>: A* on travel time over edges (the search state is the edge driven, so
/// a banned turn is simply a missing transition), with live <see cref="ITrafficFactors"/> and ETA.
/// <para>
/// Banned paths (<see cref="RoadGraph.BannedPaths"/>, restrictions via a way) add states: an edge reached along the
/// first part of a banned path is a state of its own, "on this edge, having driven that part", so that the transition
/// that would complete the path can be left out. The states are those of a string matcher over edge sequences (a trie
/// of the paths' prefixes with links to the longest prefix that is also a suffix, as in Aho–Corasick), built once;
/// a graph without banned paths has exactly one state per edge.
/// </para>
/// <para>
/// The heuristic is the straight-line (haversine) distance to the goal over the fastest straight-line speed any edge
/// allows: the larger of the graph's top speed limit and, per edge, the distance between its end nodes over its free-flow
/// time (SUMO's lane lengths stop at the junction areas, so an edge can be shorter than its nodes are apart). It never
/// overestimates and is consistent, so the first time an edge is settled its time is final and the route is the fastest.
/// On top of it, landmark bounds (ALT): free-flow times from and to a few landmarks, spread over the graph and computed
/// once, bound the time to the goal by the triangle inequality (<c>d(L,t) − d(L,v)</c> and <c>d(v,L) − d(t,L)</c>, on
/// the node graph without turn restrictions, which only make routes longer). The larger bound is used; both are
/// consistent, so their maximum is. Factors below 1 scale both bounds down by <see cref="ITrafficFactors.LowestFactor"/>.
/// </para>
/// <para>
/// A search reuses arrays sized to the graph (stamped, never cleared), so it allocates only the returned
/// <see cref="Route"/>. Searches on one router are serialised by a lock; use one router per thread for parallel work.
/// </para>
/// </summary>
public sealed class Router
{
    private readonly RoadGraph _graph;
    private readonly int[] _succStart;     // CSR: allowed successor states of state s are _succ[_succStart[s].._succStart[s+1]]
    private readonly int[] _succ;
    private readonly int[] _stateEdge;     // the edge a search state is on; states 0..m-1 are the edges themselves
    private readonly int[] _edgeFrom, _edgeTo;
    private readonly double[] _freeTime, _length;
    private readonly double[] _nodeLatRad, _nodeLonRad, _nodeCosLat;
    private readonly object _gate = new();
    private readonly int _landmarks;
    private readonly double[] _fromLandmark;   // [node * _landmarks + i]: free-flow seconds from landmark i to node
    private readonly double[] _toLandmark;     // [node * _landmarks + i]: free-flow seconds from node to landmark i
    private double _landmarkScale = 1;

    // search workspace
    private readonly double[] _g;
    private readonly int[] _parent;
    private readonly int[] _seen;          // stamp: _g/_parent valid for this search
    private readonly int[] _closed;        // stamp: settled in this search
    private readonly double[] _h;
    private readonly int[] _hStamp;
    private int _stamp;
    private double[] _heapKey = new double[256];
    private int[] _heapEdge = new int[256];
    private int _heapCount;
    private readonly List<GeoPoint> _polyline = [];    // the route's shape, reused for the manoeuvres of every route
    private readonly List<double> _polylineAlong = [];
    private int[] _junctionAt = new int[64];

    /// <summary>A router over <paramref name="graph"/>.</summary>
    public Router(RoadGraph graph) : this(graph, DefaultLandmarks) { }

    /// <summary>
    /// A router over <paramref name="graph"/> with <paramref name="landmarks"/> landmarks for the ALT bounds (0: the
    /// straight-line bound alone). Each landmark costs two Dijkstra searches here and 16 bytes per node.
    /// </summary>
    public Router(RoadGraph graph, int landmarks)
    {
        _graph = graph ?? throw new ArgumentNullException(nameof(graph));
        int n = graph.Nodes.Count, m = graph.Edges.Count;
        _edgeFrom = new int[m]; _edgeTo = new int[m]; _freeTime = new double[m]; _length = new double[m];
        _nodeLatRad = new double[n]; _nodeLonRad = new double[n]; _nodeCosLat = new double[n];
        for (var i = 0; i < n; i++)
        {
            var p = graph.Nodes[i].Position;
            _nodeLatRad[i] = p.Lat * Math.PI / 180;
            _nodeLonRad[i] = p.Lon * Math.PI / 180;
            _nodeCosLat[i] = Math.Cos(_nodeLatRad[i]);
        }
        double speed = 0;
        for (var e = 0; e < m; e++)
        {
            var edge = graph.Edges[e];
            _edgeFrom[e] = edge.From; _edgeTo[e] = edge.To;
            _freeTime[e] = edge.FreeFlowSeconds; _length[e] = edge.LengthM;
            speed = Math.Max(speed, edge.SpeedLimitMps);
            speed = Math.Max(speed, Haversine(edge.From, edge.To) / edge.FreeFlowSeconds);
        }
        HeuristicSpeedMps = speed;
        (_stateEdge, _succStart, _succ) = BuildStates(graph);
        int states = _stateEdge.Length;
        _g = new double[states]; _parent = new int[states]; _seen = new int[states]; _closed = new int[states];
        _h = new double[n]; _hStamp = new int[n];
        ArgumentOutOfRangeException.ThrowIfNegative(landmarks);
        _landmarks = Math.Min(landmarks, n);
        _fromLandmark = new double[n * _landmarks];
        _toLandmark = new double[n * _landmarks];
        ComputeLandmarks();
    }

    /// <summary>The number of landmarks a router gets by default.</summary>
    public const int DefaultLandmarks = 8;

    /// <summary>The number of landmarks of the ALT bounds.</summary>
    public int Landmarks => _landmarks;

    /// <summary>The graph routed on.</summary>
    public RoadGraph Graph => _graph;

    /// <summary>The speed the heuristic divides straight-line distance by (m/s) at free flow.</summary>
    public double HeuristicSpeedMps { get; }

    /// <summary>The fastest route from node <paramref name="fromNode"/> to node <paramref name="toNode"/>; null when unreachable.</summary>
    public Route? Find(int fromNode, int toNode, ITrafficFactors? traffic = null)
    {
        CheckNode(fromNode, nameof(fromNode));
        CheckNode(toNode, nameof(toNode));
        if (fromNode == toNode) return new Route([], [], [], [], 0, 1);
        lock (_gate)
        {
            var last = SearchNodes(fromNode, toNode, traffic, out _);
            return last < 0 ? null : Build(last, 0, 1, traffic);
        }
    }

    /// <summary>The fastest travel time in seconds between two nodes without building a route; null when unreachable.</summary>
    public double? TravelTimeS(int fromNode, int toNode, ITrafficFactors? traffic = null)
    {
        CheckNode(fromNode, nameof(fromNode));
        CheckNode(toNode, nameof(toNode));
        if (fromNode == toNode) return 0;
        lock (_gate)
        {
            var last = SearchNodes(fromNode, toNode, traffic, out var cost);
            return last < 0 ? null : cost;
        }
    }

    /// <summary>
    /// The fastest route between two positions, each snapped to the nearest edge (and the edges within a few metres of
    /// it, so both directions of a two-way street are tried); null when unreachable.
    /// </summary>
    public Route? Find(GeoPoint from, GeoPoint to, ITrafficFactors? traffic = null)
    {
        var locator = new EdgeLocator(_graph);
        return Find(locator.Candidates(from), locator.Candidates(to), traffic);
    }

    /// <summary>The fastest route from any of <paramref name="from"/> to any of <paramref name="to"/>; null when unreachable.</summary>
    public Route? Find(IReadOnlyList<EdgePosition> from, IReadOnlyList<EdgePosition> to, ITrafficFactors? traffic = null)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        if (from.Count == 0 || to.Count == 0) return null;
        lock (_gate) return SearchPositions(from, to, traffic);
    }

    private int SearchNodes(int fromNode, int toNode, ITrafficFactors? traffic, out double cost)
    {
        var speed = SpeedBound(traffic);
        Begin();
        foreach (var e in _graph.OutEdges(fromNode))
            Relax(e, -1, Time(e, traffic), toNode, speed);
        cost = 0;
        while (_heapCount > 0)
        {
            var e = Pop();
            if (_closed[e] == _stamp) continue;
            _closed[e] = _stamp;
            var g = _g[e];
            if (_edgeTo[_stateEdge[e]] == toNode) { cost = g; return e; }
            for (int k = _succStart[e], end = _succStart[e + 1]; k < end; k++)
            {
                var next = _succ[k];
                if (_closed[next] != _stamp) Relax(next, e, g + Time(_stateEdge[next], traffic), toNode, speed);
            }
        }
        return -1;
    }

    private Route? SearchPositions(IReadOnlyList<EdgePosition> from, IReadOnlyList<EdgePosition> to, ITrafficFactors? traffic)
    {
        var speed = SpeedBound(traffic);
        Begin();
        double best = double.PositiveInfinity;
        int bestLast = -1, bestTarget = -1, bestDirectSource = -1;
        for (var s = 0; s < from.Count; s++)
        {
            var src = from[s];
            for (var t = 0; t < to.Count; t++)
            {
                var dst = to[t];
                if (dst.Edge == src.Edge && dst.Fraction >= src.Fraction)
                {
                    var direct = (dst.Fraction - src.Fraction) * Time(src.Edge, traffic);
                    if (direct < best) { best = direct; bestDirectSource = s; bestTarget = t; }
                }
            }
        }
        // the goal "node" of the heuristic is the start of the nearest target edge; other targets are a few metres off,
        // so the heuristic takes the minimum over all of them to stay admissible
        foreach (var src in from)
            RelaxMulti(src.Edge, -1, (1 - src.Fraction) * Time(src.Edge, traffic), to, speed);
        while (_heapCount > 0)
        {
            if (_heapKey[0] >= best) break;
            var e = Pop();
            if (_closed[e] == _stamp) continue;
            _closed[e] = _stamp;
            var g = _g[e];
            for (var t = 0; t < to.Count; t++)
            {
                var dst = to[t];
                if (_edgeTo[_stateEdge[e]] != _edgeFrom[dst.Edge] || !CanContinue(e, dst.Edge)) continue;
                var total = g + dst.Fraction * Time(dst.Edge, traffic);
                if (total < best) { best = total; bestLast = e; bestTarget = t; bestDirectSource = -1; }
            }
            for (int k = _succStart[e], end = _succStart[e + 1]; k < end; k++)
            {
                var next = _succ[k];
                if (_closed[next] != _stamp) RelaxMulti(next, e, g + Time(_stateEdge[next], traffic), to, speed);
            }
        }
        if (bestTarget < 0) return null;
        var target = to[bestTarget];
        if (bestDirectSource >= 0)
        {
            var src = from[bestDirectSource];
            var span = target.Fraction - src.Fraction;
            return new Route([src.Edge], [span * _length[src.Edge]], [span * Time(src.Edge, traffic)], [], src.Fraction, target.Fraction);
        }
        // walk back to find the source edge and its fraction
        var first = bestLast;
        while (_parent[first] >= 0) first = _parent[first];
        double startFraction = 0;
        foreach (var src in from)
            if (src.Edge == first) { startFraction = src.Fraction; break; }
        return Build(bestLast, startFraction, target.Fraction, traffic, target.Edge);
    }

    private Route Build(int last, double startFraction, double endFraction, ITrafficFactors? traffic, int appendEdge = -1)
    {
        var count = appendEdge >= 0 ? 1 : 0;
        for (var e = last; e >= 0; e = _parent[e]) count++;
        var edges = new int[count];
        var i = count - 1;
        if (appendEdge >= 0) edges[i--] = appendEdge;
        for (var e = last; e >= 0; e = _parent[e]) edges[i--] = _stateEdge[e];
        var lengths = new double[count];
        var times = new double[count];
        for (var k = 0; k < count; k++)
        {
            var share = 1.0;
            if (k == 0) share -= startFraction;
            if (k == count - 1) share -= 1 - endFraction;
            lengths[k] = share * _length[edges[k]];
            times[k] = share * Time(edges[k], traffic);
        }
        return new Route(edges, lengths, times, Maneuvers(edges, lengths, times), startFraction, endFraction);
    }

    // The turn at each junction: the bearing from the point 20 m before it along the route to the junction, against
    // the bearing from the junction to the point 20 m after it. Looking 20 m along the route (across short edges) keeps
    // SUMO's lane offsets and the stubs into the junction centre from reading as turns.
    private Maneuver[] Maneuvers(int[] edges, double[] lengths, double[] times)
    {
        var count = edges.Length;
        var maneuvers = new Maneuver[Math.Max(0, count - 1)];
        if (count < 2) return maneuvers;
        var points = _polyline;
        var along = _polylineAlong;
        points.Clear();
        along.Clear();
        var junctionAt = _junctionAt.Length >= count - 1 ? _junctionAt : _junctionAt = new int[Math.Max(count, 2 * _junctionAt.Length)];
        for (var k = 0; k < count; k++)
        {
            var shape = _graph.Edges[edges[k]].Shape;
            for (var i = points.Count == 0 ? 0 : 1; i < shape.Count; i++)
            {
                along.Add(points.Count == 0 ? 0 : along[^1] + GeoPoint.DistanceM(points[^1], shape[i]));
                points.Add(shape[i]);
            }
            if (k < count - 1) junctionAt[k] = points.Count - 1;
        }
        const double LookM = 20;
        double dist = 0, time = 0;
        for (var k = 0; k + 1 < count; k++)
        {
            dist += lengths[k];
            time += times[k];
            int a = edges[k], b = edges[k + 1], j = junctionAt[k];
            var node = points[j];
            var before = PointAt(points, along, along[j] - LookM);
            var after = PointAt(points, along, along[j] + LookM);
            double turn = 0;
            if (GeoPoint.DistanceM(before, node) > 0.5 && GeoPoint.DistanceM(node, after) > 0.5)
            {
                turn = GeoPoint.BearingDeg(node, after) - GeoPoint.BearingDeg(before, node);
                turn = turn > 180 ? turn - 360 : turn <= -180 ? turn + 360 : turn;
            }
            maneuvers[k] = new Maneuver(_edgeTo[a], a, b, Maneuver.Classify(turn), turn, dist, time);
        }
        return maneuvers;
    }

    private static GeoPoint PointAt(List<GeoPoint> points, List<double> along, double at)
    {
        if (at <= 0) return points[0];
        if (at >= along[^1]) return points[^1];
        var i = along.BinarySearch(at);
        if (i >= 0) return points[i];
        i = ~i;
        var f = (at - along[i - 1]) / (along[i] - along[i - 1]);
        return new GeoPoint(points[i - 1].Lat + f * (points[i].Lat - points[i - 1].Lat), points[i - 1].Lon + f * (points[i].Lon - points[i - 1].Lon));
    }

    // whether a car in search state s may drive onto edge next (a banned turn or a completed banned path says no)
    private bool CanContinue(int s, int next)
    {
        for (int k = _succStart[s], end = _succStart[s + 1]; k < end; k++)
            if (_stateEdge[_succ[k]] == next) return true;
        return false;
    }

    // The search states and their successors (CSR). States 0..m-1 are the edges; each prefix (of two or more edges, but
    // not the whole) of a banned path adds a state on its last edge. From state s, the edge g leads to the state of the
    // longest prefix that the driven sequence then ends with (Aho–Corasick's goto and failure links over edges), and is
    // left out when the sequence then ends with a whole banned path.
    private static (int[] StateEdge, int[] SuccStart, int[] Succ) BuildStates(RoadGraph graph)
    {
        int m = graph.Edges.Count;
        var stateEdge = new List<int>(m);
        for (var e = 0; e < m; e++) stateEdge.Add(e);
        var parentOf = new List<int>();                 // for state m + i: the state it extends
        var child = new Dictionary<(int State, int Edge), int>();
        var completes = new HashSet<(int State, int Edge)>();
        foreach (var path in graph.BannedPaths)
        {
            var s = path[0];
            for (var i = 1; i < path.Count - 1; i++)
            {
                if (!child.TryGetValue((s, path[i]), out var c))
                {
                    c = stateEdge.Count;
                    stateEdge.Add(path[i]);
                    parentOf.Add(s);
                    child[(s, path[i])] = c;
                }
                s = c;
            }
            completes.Add((s, path[^1]));
        }
        var fail = new int[stateEdge.Count];
        Array.Fill(fail, int.MinValue);

        // the state of the longest proper suffix that is a prefix; -1 (the empty prefix) for an edge's own state
        int Fail(int s)
        {
            if (s < m) return -1;
            if (fail[s] == int.MinValue) fail[s] = Goto(Fail(parentOf[s - m]), stateEdge[s]);
            return fail[s];
        }
        int Goto(int s, int edge)
        {
            for (; s >= 0; s = Fail(s))
                if (child.TryGetValue((s, edge), out var c)) return c;
            return edge;
        }
        bool Completes(int s, int edge)
        {
            for (; s >= 0; s = Fail(s))
                if (completes.Contains((s, edge))) return true;
            return false;
        }

        var succStart = new int[stateEdge.Count + 1];
        var succ = new List<int>(m * 3);
        for (var s = 0; s < stateEdge.Count; s++)
        {
            succStart[s] = succ.Count;
            var e = stateEdge[s];
            foreach (var next in graph.OutEdges(graph.Edges[e].To))
                if (graph.IsTurnAllowed(e, next) && !Completes(s, next)) succ.Add(Goto(s, next));
        }
        succStart[^1] = succ.Count;
        return ([.. stateEdge], succStart, [.. succ]);
    }

    private double SpeedBound(ITrafficFactors? traffic)
    {
        var lowest = traffic?.LowestFactor ?? 1;
        if (!(lowest > 0)) throw new ArgumentException("traffic factors must be positive (LowestFactor ≤ 0)", nameof(traffic));
        _landmarkScale = Math.Min(1, lowest);
        return lowest < 1 ? HeuristicSpeedMps / lowest : HeuristicSpeedMps;
    }

    private double Time(int edge, ITrafficFactors? traffic) => traffic is null ? _freeTime[edge] : _freeTime[edge] * traffic.Factor(edge);

    private void Relax(int edge, int parent, double g, int goalNode, double speed)
    {
        if (_seen[edge] == _stamp && _g[edge] <= g) return;
        _seen[edge] = _stamp;
        _g[edge] = g;
        _parent[edge] = parent;
        var node = _edgeTo[_stateEdge[edge]];
        if (_hStamp[node] != _stamp) { _hStamp[node] = _stamp; _h[node] = Bound(node, goalNode, speed); }
        Push(g + _h[node], edge);
    }

    private void RelaxMulti(int edge, int parent, double g, IReadOnlyList<EdgePosition> targets, double speed)
    {
        if (_seen[edge] == _stamp && _g[edge] <= g) return;
        _seen[edge] = _stamp;
        _g[edge] = g;
        _parent[edge] = parent;
        var node = _edgeTo[_stateEdge[edge]];
        if (_hStamp[node] != _stamp)
        {
            var h = double.PositiveInfinity;
            for (var t = 0; t < targets.Count; t++) h = Math.Min(h, Bound(node, _edgeFrom[targets[t].Edge], speed));
            _hStamp[node] = _stamp;
            _h[node] = h;
        }
        Push(g + _h[node], edge);
    }

    private void Begin()
    {
        _heapCount = 0;
        if (++_stamp == int.MaxValue)
        {
            Array.Clear(_seen); Array.Clear(_closed); Array.Clear(_hStamp);
            _stamp = 1;
        }
    }

    private void Push(double key, int edge)
    {
        if (_heapCount == _heapKey.Length)
        {
            Array.Resize(ref _heapKey, _heapKey.Length * 2);
            Array.Resize(ref _heapEdge, _heapEdge.Length * 2);
        }
        var i = _heapCount++;
        while (i > 0)
        {
            var parent = (i - 1) >> 1;
            if (_heapKey[parent] <= key) break;
            _heapKey[i] = _heapKey[parent]; _heapEdge[i] = _heapEdge[parent];
            i = parent;
        }
        _heapKey[i] = key; _heapEdge[i] = edge;
    }

    private int Pop()
    {
        var top = _heapEdge[0];
        var n = --_heapCount;
        if (n == 0) return top;
        double key = _heapKey[n];
        int edge = _heapEdge[n], i = 0;
        while (true)
        {
            var child = 2 * i + 1;
            if (child >= n) break;
            if (child + 1 < n && _heapKey[child + 1] < _heapKey[child]) child++;
            if (_heapKey[child] >= key) break;
            _heapKey[i] = _heapKey[child]; _heapEdge[i] = _heapEdge[child];
            i = child;
        }
        _heapKey[i] = key; _heapEdge[i] = edge;
        return top;
    }

    // a lower bound of the time from node to goal: the straight line at the top speed, or the landmarks' triangle bounds
    private double Bound(int node, int goal, double speed)
    {
        var h = Haversine(node, goal) / speed;
        if (_landmarks == 0) return h;
        double best = 0;
        int v = node * _landmarks, t = goal * _landmarks;
        for (var i = 0; i < _landmarks; i++)
        {
            double fromT = _fromLandmark[t + i], fromV = _fromLandmark[v + i];
            if (fromT < double.PositiveInfinity && fromV < double.PositiveInfinity) best = Math.Max(best, fromT - fromV);
            double toV = _toLandmark[v + i], toT = _toLandmark[t + i];
            if (toT < double.PositiveInfinity)
            {
                if (toV == double.PositiveInfinity) return double.PositiveInfinity; // the goal reaches the landmark, this node does not: nor the goal
                best = Math.Max(best, toV - toT);
            }
        }
        return Math.Max(h, best * _landmarkScale);
    }

    // landmarks spread farthest-first (straight line) from node 0; free-flow times on the node graph, both directions
    private void ComputeLandmarks()
    {
        int n = _graph.Nodes.Count, k = _landmarks;
        if (k == 0) return;
        var nearest = new double[n];
        Array.Fill(nearest, double.PositiveInfinity);
        var landmark = 0;
        double far = -1;
        for (var v = 0; v < n; v++)
        {
            var d = Haversine(0, v);
            if (d > far) { far = d; landmark = v; }
        }
        var forward = new double[n];
        var backward = new double[n];
        var queue = new PriorityQueue<int, double>();
        for (var i = 0; i < k; i++)
        {
            NodeDijkstra(landmark, forward, queue, reverse: false);
            NodeDijkstra(landmark, backward, queue, reverse: true);
            for (var v = 0; v < n; v++)
            {
                _fromLandmark[v * k + i] = forward[v];
                _toLandmark[v * k + i] = backward[v];
                nearest[v] = Math.Min(nearest[v], Haversine(landmark, v));
            }
            far = -1;
            for (var v = 0; v < n; v++)
                if (nearest[v] > far) { far = nearest[v]; landmark = v; }
        }
    }

    private void NodeDijkstra(int source, double[] dist, PriorityQueue<int, double> queue, bool reverse)
    {
        Array.Fill(dist, double.PositiveInfinity);
        dist[source] = 0;
        queue.Clear();
        queue.Enqueue(source, 0);
        while (queue.TryDequeue(out var node, out var d))
        {
            if (d > dist[node]) continue;
            foreach (var e in reverse ? _graph.InEdges(node) : _graph.OutEdges(node))
            {
                var other = reverse ? _edgeFrom[e] : _edgeTo[e];
                var next = d + _freeTime[e];
                if (next < dist[other]) { dist[other] = next; queue.Enqueue(other, next); }
            }
        }
    }

    private double Haversine(int a, int b)
    {
        double dLat = _nodeLatRad[b] - _nodeLatRad[a], dLon = _nodeLonRad[b] - _nodeLonRad[a];
        double s1 = Math.Sin(dLat / 2), s2 = Math.Sin(dLon / 2);
        var h = s1 * s1 + _nodeCosLat[a] * _nodeCosLat[b] * s2 * s2;
        return 2 * GeoPoint.EarthRadiusM * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }

    private void CheckNode(int node, string name)
    {
        if ((uint)node >= (uint)_graph.Nodes.Count)
            throw new ArgumentOutOfRangeException(name, node, $"node index outside 0..{_graph.Nodes.Count - 1}");
    }
}
