using EdgeAI.Services.Geo;
using EdgeAI.Services.Map;
using EdgeAI.Services.Parking;
using EdgeAI.Services.Restaurants;

namespace EdgeAI.Services.Tests;

/// <summary>
/// Detours by free-flow time on a road graph, by a plain Dijkstra over directed edges (turn bans ignored): the trip is
/// origin → destination; a stop at a place is origin → the place's nearest node → destination. Stands in for the
/// router's route until it lands.
/// </summary>
internal sealed class GraphDetourEstimator : IDetourEstimator
{
    private readonly RoadGraph _graph;
    private readonly WalkingGraph _nodes;
    private readonly double[] _fromOrigin, _toDestination;
    private readonly double _direct;

    public GraphDetourEstimator(RoadGraph graph, GeoPoint origin, GeoPoint destination)
    {
        _graph = graph;
        _nodes = new WalkingGraph(graph);
        _fromOrigin = Dijkstra(_nodes.NearestNode(origin).Node, forward: true);
        _toDestination = Dijkstra(_nodes.NearestNode(destination).Node, forward: false);
        _direct = _fromOrigin[_nodes.NearestNode(destination).Node];
    }

    public DetourEstimate? Estimate(GeoPoint place)
    {
        var node = _nodes.NearestNode(place).Node;
        double there = _fromOrigin[node], on = _toDestination[node];
        if (double.IsInfinity(there) || double.IsInfinity(on)) return null;
        return new DetourEstimate(Math.Max(0, there + on - _direct), there);
    }

    private double[] Dijkstra(int source, bool forward)
    {
        var time = new double[_graph.Nodes.Count];
        Array.Fill(time, double.PositiveInfinity);
        time[source] = 0;
        var queue = new PriorityQueue<int, double>();
        queue.Enqueue(source, 0);
        while (queue.TryDequeue(out var node, out var t))
        {
            if (t > time[node]) continue;
            foreach (var e in forward ? _graph.OutEdges(node) : _graph.InEdges(node))
            {
                var edge = _graph.Edges[e];
                int next = forward ? edge.To : edge.From;
                double nt = t + edge.FreeFlowSeconds;
                if (nt < time[next]) { time[next] = nt; queue.Enqueue(next, nt); }
            }
        }
        return time;
    }
}
