using EdgeAI.Services.Charging;
using EdgeAI.Services.Energy;

namespace EdgeAI.Services.Tests.Charging;

/// <summary>
/// Generated long trips: a corridor of 300-500 km of motorway, trunk road and the odd town, with chargers every
/// 35-80 km of 50-300 kW, each a short detour off the road. Energies come from the energy model of the demo car.
/// </summary>
internal static class ChargingTrips
{
    public static (ChargingTrip Trip, List<ChargerOnRoute> Chargers, double StartSoc) Corridor(EnergyModel model, Random random)
    {
        var outsideC = -5 + 35 * random.NextDouble();
        var length = 300_000 + 200_000 * random.NextDouble();
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
            at += 35_000 + 45_000 * random.NextDouble();
        }
        return (new ChargingTrip(segments), chargers, 0.3 + 0.65 * random.NextDouble());
    }
}
