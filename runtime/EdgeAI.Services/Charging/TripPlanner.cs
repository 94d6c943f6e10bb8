using EdgeAI.Services.Energy;
using EdgeAI.Services.Geo;
using EdgeAI.Services.Map;
using EdgeAI.Services.Routing;

namespace EdgeAI.Services.Charging;

/// <summary>
/// The query the assistant and <c>edgeai route</c> ask: from here to there with this much charge, which route, how much
/// energy, and where to charge. Routes with <see cref="Router"/>, prices energy with <see cref="EnergyModel"/> at
/// constant speed per edge, attaches every charger POI within <see cref="ChargerRadiusM"/> of a junction on the route
/// (detour = fastest route from that junction to the end of the charger's nearest edge and back), and plans the stops
/// with <see cref="ChargingPlanner"/>.
/// </summary>
public sealed class TripPlanner
{
    private readonly RoadGraph _graph;
    private readonly Router _router;
    private readonly EdgeLocator _locator;
    private readonly EnergyModel _energy;
    private readonly ChargingPlanner _planner;

    /// <summary>A planner on <paramref name="graph"/> for the car <paramref name="profile"/>.</summary>
    public TripPlanner(RoadGraph graph, VehicleProfile profile, ChargingOptions? options = null)
    {
        _graph = graph ?? throw new ArgumentNullException(nameof(graph));
        _router = new Router(graph);
        _locator = new EdgeLocator(graph);
        _energy = new EnergyModel(profile);
        _planner = new ChargingPlanner(profile, options);
    }

    /// <summary>How far from the route (straight line to a junction on it) a charger may be, metres.</summary>
    public double ChargerRadiusM { get; init; } = 3000;

    /// <summary>The router used (for detours and other queries on the same graph).</summary>
    public Router Router => _router;

    /// <summary>
    /// Plans a trip from <paramref name="from"/> to <paramref name="to"/> starting at <paramref name="startSoc"/> (0..1)
    /// with the charger POIs among <paramref name="pois"/>; null when no route exists.
    /// </summary>
    public TripPlan? Plan(GeoPoint from, GeoPoint to, double startSoc, IReadOnlyList<Poi> pois, DateTimeOffset departure,
        double outsideC = 15, ITrafficFactors? traffic = null)
    {
        ArgumentNullException.ThrowIfNull(pois);
        var route = _router.Find(from, to, traffic);
        if (route is null) return null;
        var trip = ChargingTrip.FromRoute(route, _energy, outsideC);
        var chargers = new List<ChargerOnRoute>();
        foreach (var poi in pois)
        {
            if (poi.Charger is not { } info || route.Maneuvers.Count == 0) continue;
            Maneuver? nearest = null;
            var best = double.PositiveInfinity;
            foreach (var m in route.Maneuvers)
            {
                var d = GeoPoint.DistanceM(_graph.Nodes[m.Node].Position, poi.Position);
                if (d < best) { best = d; nearest = m; }
            }
            if (nearest is not { } junction || best > ChargerRadiusM) continue;
            if (_locator.Nearest(poi.Position) is not { } snap) continue;
            var site = _graph.Edges[snap.Edge].To;
            var there = _router.Find(junction.Node, site, traffic);
            var back = _router.Find(site, junction.Node, traffic);
            if (there is null || back is null) continue;
            chargers.Add(new ChargerOnRoute(poi.Id, poi.Name, info.PowerKw, junction.DistanceFromStartM, there.TravelTimeS, back.TravelTimeS,
                ChargingTrip.FromRoute(there, _energy, outsideC).EnergyWh, ChargingTrip.FromRoute(back, _energy, outsideC).EnergyWh));
        }
        return new TripPlan(route, trip, chargers, _planner.Plan(trip, chargers, startSoc), departure);
    }
}
