using EdgeAI.Services.Charging;
using EdgeAI.Services.Energy;
using EdgeAI.Services.Routing;
using EdgeAI.TestKit;

namespace EdgeAI.Services.Tests.Charging;

public sealed class ChargingPlannerTests(ITestOutputHelper output)
{
    private static readonly VehicleProfile Id3 = VehicleProfileReader.Load(RepoPaths.Get("models", "vehicle", "vw_id3.profile.json"));

    // a 2 %-point grid keeps the exhaustive search over every subset quick; the planner is run with the same options
    private static readonly ChargingOptions TestOptions = new() { SocStep = 0.02 };

    [Fact]
    public void Plan_On45CorridorTrips_EqualsTheExhaustiveOptimum()
    {
        var model = new EnergyModel(Id3);
        var planner = new ChargingPlanner(Id3, TestOptions);
        var random = new Random(2026);
        var stopCounts = new int[6];
        int infeasible = 0, chargersSeen = 0, above80 = 0;
        for (var trip = 0; trip < 45; trip++)
        {
            var (t, chargers, soc) = ChargingTrips.Corridor(model, random);
            chargersSeen += chargers.Count;
            var plan = planner.Plan(t, chargers, soc);
            var reference = ExhaustiveCharging.Best(t, chargers, soc, Id3.BatteryKwh, Id3.ChargeCurve, TestOptions);
            AssertSame(reference, plan, $"corridor trip {trip} ({t.LengthM / 1000:F0} km, {chargers.Count} chargers, start {soc:P0})");
            if (!plan.Feasible) { infeasible++; continue; }
            AssertKeepsTheRules(plan, TestOptions);
            stopCounts[Math.Min(5, plan.Stops.Count)]++;
            if (plan.Stops.Any(s => s.DepartureSoc > TestOptions.MaxTargetSoc + 1e-9)) above80++;
        }
        output.WriteLine($"45 corridor trips, {chargersSeen} chargers in all: stops 0:{stopCounts[0]} 1:{stopCounts[1]} 2:{stopCounts[2]} 3:{stopCounts[3]} 4:{stopCounts[4]} 5+:{stopCounts[5]}, infeasible {infeasible}, plans charging above 80 %: {above80}");
        Assert.True(stopCounts[2] + stopCounts[3] + stopCounts[4] + stopCounts[5] >= 15, "too few trips with several stops to test the planner");
    }

    [Fact]
    public void Plan_On5AdlershofTripsWithALowStartCharge_EqualsTheExhaustiveOptimum()
    {
        var graph = DemoRegion.Graph;
        var router = new Router(graph);
        var model = new EnergyModel(Id3);
        var options = new ChargingOptions(); // the defaults: 1 %-point grid
        var planner = new ChargingPlanner(Id3, options);
        var random = new Random(7);
        var planned = 0;
        while (planned < 5)
        {
            var (trip, chargers, startSoc) = ChargingTrips.LowChargeCityTrip(graph, router, model, Id3.BatteryKwh, options.ReserveSoc, share: 0.2, random);
            var plan = planner.Plan(trip, chargers, startSoc);
            var reference = ExhaustiveCharging.Best(trip, chargers, startSoc, Id3.BatteryKwh, Id3.ChargeCurve, options);
            AssertSame(reference, plan, $"Adlershof trip {planned} ({trip.LengthM:F0} m, {chargers.Count} chargers)");
            if (plan.Feasible)
            {
                AssertKeepsTheRules(plan, options);
                Assert.NotEmpty(plan.Stops);
                Assert.Equal(options.ReserveSoc, plan.ArrivalSoc, 1e-9); // charged no more than needed
            }
            planned++;
        }
    }

    [Fact]
    public void Plan_On40CorridorAnd10LowChargeCityTrips_MatchesAFinerGridOptimumOverEveryChargerSubset()
    {
        var model = new EnergyModel(Id3);
        var options = new ChargingOptions(); // the defaults: 1 %-point grid, 15 % reserve, 300 s per stop, 80 % cap
        var planner = new ChargingPlanner(Id3, options);
        var trips = new List<(string What, ChargingTrip Trip, List<ChargerOnRoute> Chargers, double Soc)>();
        var random = new Random(600);
        for (var i = 0; i < 40; i++)
        {
            var (t, c, soc) = ChargingTrips.Corridor(model, random);
            trips.Add(($"corridor {i} ({t.LengthM / 1000:F0} km, {c.Count} chargers, start {soc:P0})", t, c, soc));
        }
        var graph = DemoRegion.Graph;
        var router = new Router(graph);
        var cityRandom = new Random(8);
        for (var i = 0; i < 10; i++)
        {
            var (t, c, soc) = ChargingTrips.LowChargeCityTrip(graph, router, model, Id3.BatteryKwh, options.ReserveSoc, share: 0.7, cityRandom);
            trips.Add(($"Adlershof {i} ({t.LengthM:F0} m, {c.Count} chargers, start {soc:P1})", t, c, soc));
        }
        var stopCounts = new int[6];
        double worstGap = 0, worstRelative = 0, sumGap = 0;
        int infeasible = 0, subsets = 0, differentStops = 0, maxChargers = 0, cityPlans = 0;
        foreach (var (what, trip, chargers, soc) in trips)
        {
            maxChargers = Math.Max(maxChargers, chargers.Count);
            var plan = planner.Plan(trip, chargers, soc);
            var reference = new ContinuousChargingOptimum(trip, chargers, soc, Id3.BatteryKwh, Id3.ChargeCurve, options);
            var best = reference.Best();
            subsets += best.SubsetsSolved;
            Assert.True(best.Feasible == plan.Feasible, $"{what}: reference feasible={best.Feasible}, planner feasible={plan.Feasible} ({plan.Reason})");
            if (!plan.Feasible) { infeasible++; continue; }
            AssertKeepsTheRules(plan, options);
            stopCounts[Math.Min(5, plan.Stops.Count)]++;
            if (what.StartsWith("Adlershof", StringComparison.Ordinal)) { Assert.NotEmpty(plan.Stops); cityPlans++; }
            var gap = plan.TotalTimeS - best.TotalS;
            output.WriteLine(FormattableString.Invariant($"{what}: planner {plan.TotalTimeS:F1} s [{string.Join(",", plan.Stops.Select(s => s.Charger.Id))}], reference {best.TotalS:F1} s [{string.Join(",", best.StopIds)}], gap {gap:E2} s"));
            worstGap = Math.Max(worstGap, Math.Abs(gap));
            worstRelative = Math.Max(worstRelative, Math.Abs(gap) / best.TotalS);
            sumGap += gap;
            if (!plan.Stops.Select(s => s.Charger.Id).SequenceEqual(best.StopIds)) differentStops++;
        }
        output.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{trips.Count} trips (up to {maxChargers} chargers, {subsets} subsets solved): stops 0:{stopCounts[0]} 1:{stopCounts[1]} 2:{stopCounts[2]} 3:{stopCounts[3]} 4:{stopCounts[4]} 5+:{stopCounts[5]}, infeasible {infeasible}; " +
            $"planner minus reference: worst |gap| {worstGap:E2} s ({100 * worstRelative:E2} %), mean {sumGap / (trips.Count - infeasible):E2} s; different stops on {differentStops} trips"));
        Assert.True(stopCounts[2] + stopCounts[3] + stopCounts[4] + stopCounts[5] >= 15, "too few trips with several stops to test the planner");
        Assert.True(cityPlans >= 5, $"only {cityPlans} of the 10 low-charge Adlershof trips have a plan");
        Assert.True(worstGap <= 0.01, $"the planner is {worstGap:F3} s from the finer-grid optimum");
    }

    [Fact]
    public void Plan_WithACurveBendingBetweenGridPoints_StaysWithinSecondsOfTheFinerGridOptimum()
    {
        // the planner is optimal over its 1 %-point levels; where the curve crosses a charger's power between them
        // (here at SoCs like 0.6 and 0.75), the best level can fall between grid points: this bounds what that costs
        var curve = new ChargeCurve([(0, 60), (0.137, 105), (0.343, 112), (0.517, 83), (0.671, 64), (0.823, 41), (0.913, 24), (1, 8)]);
        var car = Id3 with { ChargeCurve = curve };
        var model = new EnergyModel(car);
        var options = new ChargingOptions();
        var planner = new ChargingPlanner(car, options);
        var random = new Random(613);
        double worstGap = 0;
        int plans = 0, multiStop = 0, differentStops = 0;
        for (var i = 0; i < 25; i++)
        {
            var (trip, chargers, soc) = ChargingTrips.Corridor(model, random);
            var plan = planner.Plan(trip, chargers, soc);
            var best = new ContinuousChargingOptimum(trip, chargers, soc, car.BatteryKwh, curve, options).Best();
            Assert.True(best.Feasible == plan.Feasible, $"corridor {i}: reference feasible={best.Feasible}, planner feasible={plan.Feasible}");
            if (!plan.Feasible) continue;
            plans++;
            if (plan.Stops.Count >= 2) multiStop++;
            var gap = plan.TotalTimeS - best.TotalS;
            Assert.True(gap > -0.01, $"corridor {i}: the planner ({plan.TotalTimeS:F2} s) beats the finer grid ({best.TotalS:F2} s)");
            worstGap = Math.Max(worstGap, gap);
            if (!plan.Stops.Select(s => s.Charger.Id).SequenceEqual(best.StopIds)) differentStops++;
        }
        output.WriteLine(FormattableString.Invariant($"{plans} plans ({multiStop} with several stops): planner at most {worstGap:F3} s above the 0.2 %-point optimum; different stops on {differentStops}"));
        Assert.True(multiStop >= 8, "too few trips with several stops");
        Assert.True(worstGap <= 1, $"the planner is {worstGap:F2} s above the finer-grid optimum");
    }

    [Fact]
    public void Plan_WithoutChargersOnATripTooLongForTheBattery_SaysWhyThereIsNoPlan()
    {
        var model = new EnergyModel(Id3);
        var trip = new ChargingTrip([new TripSegment(400_000, 400_000 / 33.3, model.CruiseWh(400_000, 33.3, 15))]);
        var plan = new ChargingPlanner(Id3).Plan(trip, [], 0.9);
        Assert.False(plan.Feasible);
        Assert.Contains("no charger on the route", plan.Reason);
        Assert.True(double.IsNaN(plan.TotalTimeS));
    }

    [Fact]
    public void Plan_ShortTripWithEnoughCharge_HasNoStops()
    {
        var model = new EnergyModel(Id3);
        var trip = new ChargingTrip([new TripSegment(50_000, 1800, model.CruiseWh(50_000, 27.8, 15))]);
        var plan = new ChargingPlanner(Id3).Plan(trip, [new ChargerOnRoute("c", "C", 150, 20_000, 60, 60, 50, 50)], 0.8);
        Assert.True(plan.Feasible);
        Assert.Empty(plan.Stops);
        Assert.Equal(1800, plan.TotalTimeS, 1e-9);
    }

    [Fact]
    public void CheckDeviation_SocOrTimeOffByTheThreshold_AsksForANewPlanWhichEqualsTheOptimumFromThere()
    {
        var model = new EnergyModel(Id3);
        var planner = new ChargingPlanner(Id3, TestOptions);
        var random = new Random(99);
        (ChargingTrip Trip, List<ChargerOnRoute> Chargers, double Soc) t;
        ChargingPlan plan;
        do { t = ChargingTrips.Corridor(model, random); plan = planner.Plan(t.Trip, t.Chargers, t.Soc); }
        while (!plan.Feasible || plan.Stops.Count < 2);
        var here = plan.Stops[0].Charger.AlongRouteM / 2; // half-way to the first stop
        var (soc, elapsed) = plan.Expected(here);
        Assert.False(planner.CheckDeviation(plan, here, soc - 0.01, elapsed + 60).ReplanNeeded);
        var low = planner.CheckDeviation(plan, here, soc - 0.03, elapsed);
        Assert.True(low.ReplanNeeded);
        Assert.Contains("state of charge", low.Reason);
        var late = planner.CheckDeviation(plan, here, soc, elapsed + 301);
        Assert.True(late.ReplanNeeded);
        Assert.Contains("late", late.Reason);

        // re-plan from here with less charge and 20 % slower traffic: the optimum of the rest of the trip
        var replan = planner.Replan(t.Trip, t.Chargers, here, soc - 0.05, timeFactor: 1.2);
        var rest = t.Trip.From(here, 1.2);
        var ahead = t.Chargers.Where(c => c.AlongRouteM >= here)
            .Select(c => c with { AlongRouteM = c.AlongRouteM - here, DetourToS = c.DetourToS * 1.2, DetourFromS = c.DetourFromS * 1.2 }).ToList();
        Assert.Equal(t.Trip.LengthM - here, rest.LengthM, 1e-6);
        AssertSame(ExhaustiveCharging.Best(rest, ahead, soc - 0.05, Id3.BatteryKwh, Id3.ChargeCurve, TestOptions), replan, "re-plan");
        Assert.True(replan.Feasible);
        Assert.All(replan.Stops, s => Assert.True(s.Charger.AlongRouteM >= 0));
    }

    private static void AssertSame(ExhaustiveCharging.Result reference, ChargingPlan plan, string what)
    {
        Assert.True(reference.Feasible == plan.Feasible, $"{what}: exhaustive feasible={reference.Feasible}, planner feasible={plan.Feasible} ({plan.Reason})");
        if (!plan.Feasible) { Assert.False(string.IsNullOrWhiteSpace(plan.Reason)); return; }
        Assert.True(Math.Abs(reference.TotalS - plan.TotalTimeS) <= 1e-6 * reference.TotalS,
            $"{what}: exhaustive {reference.TotalS:F3} s via [{string.Join(",", reference.StopIds)}], planner {plan.TotalTimeS:F3} s via [{string.Join(",", plan.Stops.Select(s => s.Charger.Id))}]");
        Assert.Equal(reference.StopIds, plan.Stops.Select(s => s.Charger.Id).ToArray());
    }

    private static void AssertKeepsTheRules(ChargingPlan plan, ChargingOptions o)
    {
        foreach (var s in plan.Stops)
        {
            Assert.True(s.ArrivalSoc >= o.ReserveSoc - 1e-9, $"arrives at {s.Charger.Id} with {s.ArrivalSoc:P1}");
            Assert.True(s.DepartureSoc > s.ArrivalSoc && s.DepartureSoc <= 1 + 1e-12);
            Assert.True(s.ChargeSeconds > 0);
        }
        Assert.True(plan.ArrivalSoc >= o.ReserveSoc - 1e-9);
        Assert.Equal(plan.DriveTimeS + plan.DetourTimeS + plan.ChargeTimeS + plan.Stops.Count * o.StopOverheadS, plan.TotalTimeS, 1e-6);
    }
}
