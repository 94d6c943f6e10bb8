using EdgeAI.Services.Charging;
using EdgeAI.Services.Energy;
using EdgeAI.Services.Map;
using EdgeAI.Services.Routing;

namespace EdgeAI.Services.Tests.Charging;

/// <summary>
/// Generated long trips: a corridor of 300-600 km of motorway, trunk road and the odd town, with chargers every
/// 30-80 km of 50-300 kW, each a short detour off the road. Energies come from the energy model of the demo car.
/// </summary>
internal static class ChargingTrips
{
    public static (ChargingTrip Trip, List<ChargerOnRoute> Chargers, double StartSoc) Corridor(EnergyModel model, Random random)
    {
        var outsideC = -5 + 35 * random.NextDouble();
        var length = 300_000 + 300_000 * random.NextDouble();
        var segments = new List<TripSegment>();
        double done = 0;
        while (done < length)
        {
            var piece = Math.Min(length - done, 2000 + 4000 * random.NextDouble());
            var kmh = random.NextDouble() switch { < 0.6 => 120.0, < 0.8 => 100.0, < 0.93 => 80.0, _ => 50.0 };
            var speed = kmh / 3.6;
            var traffic = 1 + 0.3 * random.NextDouble();
            segments.Add(new TripSegment(piece, piece / speed * traffic, model.CruiseWh(piece, speed / traffic, outsideC)));
            done += piece;
        }
        var chargers = new List<ChargerOnRoute>();
        var at = 20_000 + 60_000 * random.NextDouble();
        var powers = new[] { 50.0, 75, 150, 300 };
        while (at < length - 10_000)
        {
            var detourM = 300 + 5000 * random.NextDouble();
            var detourS = detourM / (50 / 3.6);
            var detourWh = model.CruiseWh(detourM, 50 / 3.6, outsideC);
            chargers.Add(new ChargerOnRoute($"c{chargers.Count}", $"Charger {chargers.Count}", powers[random.Next(powers.Length)], at,
                detourS, detourS * (0.9 + 0.2 * random.NextDouble()), detourWh, detourWh * (0.9 + 0.2 * random.NextDouble())));
            at += 30_000 + 50_000 * random.NextDouble();
        }
        return (new ChargingTrip(segments), chargers, 0.3 + 0.65 * random.NextDouble());
    }

    /// <summary>
    /// A trip of at least 1.5 km between random nodes of <paramref name="graph"/>, with up to four chargers at random
    /// nodes, each reached from a random junction of the route and back by the router, and a start charge of the
    /// reserve plus a fifth of the trip's energy, so that the trip cannot be finished without charging.
    /// </summary>
    public static (ChargingTrip Trip, List<ChargerOnRoute> Chargers, double StartSoc) LowChargeCityTrip(
        RoadGraph graph, Router router, EnergyModel model, double batteryKwh, double reserveSoc, double share, Random random)
    {
        while (true)
        {
            var route = router.Find(random.Next(graph.Nodes.Count), random.Next(graph.Nodes.Count));
            if (route is null || route.LengthM < 1500) continue;
            var trip = ChargingTrip.FromRoute(route, model, outsideC: 5);
            var chargers = new List<ChargerOnRoute>();
            for (var c = 0; c < 4; c++)
            {
                var junction = route.Maneuvers[random.Next(route.Maneuvers.Count)];
                var site = random.Next(graph.Nodes.Count);
                var to = router.Find(junction.Node, site);
                var back = router.Find(site, junction.Node);
                if (to is null || back is null) continue;
                chargers.Add(new ChargerOnRoute($"a{c}", $"Adlershof {c}", new[] { 22.0, 50, 150 }[c % 3], junction.DistanceFromStartM,
                    to.TravelTimeS, back.TravelTimeS, ChargingTrip.FromRoute(to, model, 5).EnergyWh, ChargingTrip.FromRoute(back, model, 5).EnergyWh));
            }
            return (trip, chargers, reserveSoc + share * trip.EnergyWh / (batteryKwh * 1000));
        }
    }
}
