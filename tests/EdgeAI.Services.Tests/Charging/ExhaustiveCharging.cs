using EdgeAI.Services.Charging;
using EdgeAI.Services.Energy;

namespace EdgeAI.Services.Tests.Charging;

/// <summary>
/// The reference for the charging planner, written separately and simply: every subset of the chargers (in route
/// order), and at each stop every departure state of charge of the same set the planner may choose from (multiples of
/// the step, the cap, and the levels that just reach a later charger or the destination with the reserve), keeping per
/// reachable arrival state of charge only the fastest way there. The 80 % rule is applied the same way as documented.
/// </summary>
internal static class ExhaustiveCharging
{
    public sealed record Result(bool Feasible, double TotalS, IReadOnlyList<string> StopIds);

    public static Result Best(ChargingTrip trip, IReadOnlyList<ChargerOnRoute> chargers, double startSoc, double batteryKwh, ChargeCurve curve, ChargingOptions o)
    {
        var sorted = chargers.OrderBy(c => c.AlongRouteM).ToList();
        var capped = Search(trip, sorted, startSoc, batteryKwh, curve, o, o.MaxTargetSoc);
        var full = Search(trip, sorted, startSoc, batteryKwh, curve, o, 1.0);
        if (!capped.Feasible) return full;
        return full.Feasible && full.StopIds.Count < capped.StopIds.Count && full.TotalS < capped.TotalS - 1e-9 ? full : capped;
    }

    private static Result Search(ChargingTrip trip, List<ChargerOnRoute> cs, double startSoc, double batteryKwh, ChargeCurve curve, ChargingOptions o, double cap)
    {
        var wh = batteryKwh * 1000;
        int n = cs.Count;
        var (endT, endE) = trip.At(trip.LengthM);
        var t = cs.Select(c => trip.At(c.AlongRouteM).TimeS).ToArray();
        var e = cs.Select(c => trip.At(c.AlongRouteM).EnergyWh).ToArray();
        // SoC and seconds from charger i (after charging) to charger j, or to the destination when j == n
        double NeedTo(int i, int j) => j == n ? (cs[i].DetourFromWh + endE - e[i]) / wh : (cs[i].DetourFromWh + e[j] - e[i] + cs[j].DetourToWh) / wh;
        double TimeTo(int i, int j) => j == n ? cs[i].DetourFromS + endT - t[i] : cs[i].DetourFromS + t[j] - t[i] + cs[j].DetourToS;

        var best = new Result(false, double.PositiveInfinity, []);
        if (startSoc - endE / wh >= o.ReserveSoc - 1e-9) best = new Result(true, endT, []);
        for (var mask = 1; mask < 1 << n; mask++)
        {
            var stops = Enumerable.Range(0, n).Where(i => (mask & (1 << i)) != 0).ToArray();
            var first = stops[0];
            var a0 = startSoc - (e[first] + cs[first].DetourToWh) / wh;
            if (a0 < o.ReserveSoc - 1e-9) continue;
            var states = new Dictionary<double, double> { [a0] = t[first] + cs[first].DetourToS }; // arrival SoC -> fastest time
            for (var s = 0; s < stops.Length && states.Count > 0; s++)
            {
                int j = stops[s], next = s + 1 < stops.Length ? stops[s + 1] : n;
                var departures = new List<double>();
                for (var k = 1; k * o.SocStep <= cap + 1e-9; k++) departures.Add(k * o.SocStep);
                departures.Add(cap);
                for (var later = j + 1; later <= n; later++) departures.Add(o.ReserveSoc + NeedTo(j, later));
                var nextStates = new Dictionary<double, double>();
                foreach (var (a, time) in states)
                    foreach (var d0 in departures)
                    {
                        var d = Math.Min(d0, cap);
                        if (d <= a + 1e-9 || d0 > cap + 1e-9) continue;
                        var arrive = d - NeedTo(j, next);
                        if (arrive < o.ReserveSoc - 1e-9) continue;
                        var total = time + o.StopOverheadS + curve.ChargeSeconds(a, d, cs[j].PowerKw, batteryKwh) + TimeTo(j, next);
                        if (!nextStates.TryGetValue(arrive, out var old) || total < old) nextStates[arrive] = total;
                    }
                states = nextStates;
            }
            foreach (var total in states.Values)
                if (total < best.TotalS) best = new Result(true, total, stops.Select(i => cs[i].Id).ToArray());
        }
        return best;
    }
}
