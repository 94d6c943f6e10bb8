using EdgeAI.Services.Charging;
using EdgeAI.Services.Energy;
using EdgeAI.Services.Map;
using EdgeAI.Services.Routing;
using EdgeAI.Services.Tests.Routing;
using EdgeAI.TestKit;

namespace EdgeAI.Services.Tests.Charging;

public sealed class TripPlannerTests
{
    private static readonly VehicleProfile Id3 = VehicleProfileReader.Load(RepoPaths.Get("models", "vehicle", "vw_id3.profile.json"));

    [Fact]
    public void Plan_AcrossAdlershofJustAboveTheReserve_StopsAtANearbyChargerAndArrivesWithTheReserve()
    {
        var graph = DemoRegion.Graph;
        var planner = new TripPlanner(graph, Id3);
        // the westernmost and easternmost nodes that a route joins (fringe nodes can be dead ends)
        var byLon = graph.Nodes.OrderBy(n => n.Position.Lon).ToList();
        var (w, e) = (from a in byLon.Take(20) from b in Enumerable.Reverse(byLon).Take(20) select (a, b))
            .First(p => planner.Router.Find(p.a.Index, p.b.Index) is not null);
        var (west, east) = (w.Position, e.Position);
        var middle = graph.Nodes.MinBy(n => Math.Abs(n.Position.Lon - (west.Lon + east.Lon) / 2) + Math.Abs(n.Position.Lat - (west.Lat + east.Lat) / 2))!.Position;
        Poi Charger(string id, double kw, EdgeAI.Services.Geo.GeoPoint at) =>
            new(id, PoiKind.Charger, $"Generated charger {id}", at, Generated: true) { Charger = new ChargerInfo(kw, ["ccs2"], 2) };
        var pois = new List<Poi> { Charger("mid150", 150, middle), Charger("far", 50, new(52.0, 13.0)) };
        var departure = new DateTimeOffset(2026, 5, 4, 12, 0, 0, TimeSpan.FromHours(2));
        var probe = planner.Plan(west, east, 0.9, pois, departure)!;
        Assert.NotNull(probe);
        var mid = Assert.Single(probe.Chargers);
        // enough to reach the charger with the reserve, not enough to reach the destination
        var wh = Id3.BatteryKwh * 1000;
        var startSoc = 0.15 + (probe.Trip.At(mid.AlongRouteM).EnergyWh + mid.DetourToWh) / wh + 0.0002;
        Assert.True(startSoc - probe.Trip.EnergyWh / wh < 0.15);
        var plan = planner.Plan(west, east, startSoc, pois, departure)!;
        Assert.True(plan.Route.LengthM > 1000);
        Assert.DoesNotContain(plan.Chargers, c => c.Id == "far");
        Assert.True(plan.Charging.Feasible, plan.Charging.Reason);
        var stop = Assert.Single(plan.Charging.Stops);
        Assert.Equal("mid150", stop.Charger.Id);
        Assert.Equal(0.15, plan.Charging.ArrivalSoc, 1e-9);
        Assert.True(plan.Arrival > plan.Route.EtaAt(departure).AddMinutes(5), "the stop's overhead and charging come on top of the drive");
    }

    [Fact]
    public void FromRoute_WithEdgeSlopes_ChargesEachEdgeAtItsSlopeAndLevelWithout()
    {
        var graph = GridGraph.Build(4, 1);
        var route = new Router(graph).Find(0, 3)!;
        var model = new EnergyModel(VehicleProfileReader.Load(RepoPaths.Get("models", "vehicle", "vw_id3.profile.json")));
        var uphill = Math.Atan(0.05);
        var level = ChargingTrip.FromRoute(route, model, outsideC: 10);
        var climb = ChargingTrip.FromRoute(route, model, outsideC: 10, edgeSlopeRad: e => e == route.Edges[1] ? uphill : 0);
        double expected = 0;
        for (var i = 0; i < route.Edges.Count; i++)
            expected += model.CruiseWh(route.EdgeLengthsM[i], route.EdgeLengthsM[i] / route.EdgeTimesS[i], 10, i == 1 ? uphill : 0);
        Assert.Equal(expected, climb.EnergyWh, 1e-9);
        // 100 m at 5 %: about m·g·5 m of potential energy through the drivetrain on top of the level trip
        Assert.InRange(climb.EnergyWh - level.EnergyWh, 1794 * 9.81 * 5 / 3600, 1794 * 9.81 * 5 / 3600 / 0.7);
        Assert.Equal(level.DriveTimeS, climb.DriveTimeS);
    }
}
