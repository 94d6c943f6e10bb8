using System.Globalization;
using EdgeAI.Services.Energy;

namespace EdgeAI.Services.Charging;

/// <summary>
/// Plans charging stops for a trip so that the total trip time — drive, detours, charging and a per-stop overhead — is
/// the least, arriving at every charger and at the destination with at least the reserve, and charging no higher than
/// <see cref="ChargingOptions.MaxTargetSoc"/> unless going higher saves a stop and time.
/// <para>
/// Method: dynamic programming over the chargers in route order. The state is (charger, state of charge on arrival);
/// at a charger the departure state of charge is chosen from <see cref="ChargingOptions.SocStep"/> multiples, the cap,
/// and the exact levels that just reach each later charger or the destination with the reserve ("no more than needed").
/// Charging time is the charge curve's integral, so the best departure over all arrivals is a prefix minimum, and the
/// plan is optimal over that set of departures. It is solved once with the cap at MaxTargetSoc and once at 100 %; the
/// 100 % plan is taken only when it has fewer stops and is faster (or the capped one is infeasible).
/// </para>
/// </summary>
public sealed class ChargingPlanner
{
    private const double Eps = 1e-9;
    private readonly double _batteryKwh;
    private readonly ChargeCurve _curve;

    /// <summary>A planner for a <paramref name="batteryKwh"/> battery charging along <paramref name="curve"/>.</summary>
    public ChargingPlanner(double batteryKwh, ChargeCurve curve, ChargingOptions? options = null)
    {
        if (!(batteryKwh > 0)) throw new ArgumentOutOfRangeException(nameof(batteryKwh), batteryKwh, "battery size must be positive");
        _batteryKwh = batteryKwh;
        _curve = curve ?? throw new ArgumentNullException(nameof(curve));
        Options = options ?? new ChargingOptions();
        if (!(Options.SocStep > 0 && Options.SocStep <= 0.5)) throw new ArgumentException("SocStep must be in (0, 0.5]", nameof(options));
        if (!(Options.ReserveSoc >= 0 && Options.ReserveSoc < Options.MaxTargetSoc && Options.MaxTargetSoc <= 1))
            throw new ArgumentException("need 0 ≤ ReserveSoc < MaxTargetSoc ≤ 1", nameof(options));
    }

    /// <summary>A planner for <paramref name="profile"/>'s battery and charge curve.</summary>
    public ChargingPlanner(VehicleProfile profile, ChargingOptions? options = null)
        : this(profile?.BatteryKwh ?? throw new ArgumentNullException(nameof(profile)), profile.ChargeCurve, options) { }

    /// <summary>The rules.</summary>
    public ChargingOptions Options { get; }

    /// <summary>The fastest plan for <paramref name="trip"/> from <paramref name="startSoc"/> (0..1) with the
    /// <paramref name="chargers"/> on it (those outside the trip are ignored).</summary>
    public ChargingPlan Plan(ChargingTrip trip, IReadOnlyList<ChargerOnRoute> chargers, double startSoc)
    {
        ArgumentNullException.ThrowIfNull(trip);
        ArgumentNullException.ThrowIfNull(chargers);
        if (!(startSoc >= 0 && startSoc <= 1)) throw new ArgumentOutOfRangeException(nameof(startSoc), startSoc, "state of charge is 0..1");
        var sorted = new List<ChargerOnRoute>();
        foreach (var c in chargers)
            if (c.AlongRouteM >= 0 && c.AlongRouteM <= trip.LengthM && c.PowerKw > 0) sorted.Add(c);
        sorted.Sort((a, b) => a.AlongRouteM.CompareTo(b.AlongRouteM));
        var capped = Solve(trip, sorted, startSoc, Options.MaxTargetSoc);
        var full = Options.MaxTargetSoc < 1 ? Solve(trip, sorted, startSoc, 1.0) : capped;
        if (capped.Feasible)
            return full.Feasible && full.Stops.Count < capped.Stops.Count && full.TotalTimeS < capped.TotalTimeS - Eps ? full : capped;
        return full;
    }

    /// <summary>
    /// Compares the drive with <paramref name="plan"/> at <paramref name="distanceM"/> metres along its trip: a new plan
    /// is needed when the state of charge or the elapsed time is off by <see cref="ChargingOptions.ReplanSocDelta"/> or
    /// <see cref="ChargingOptions.ReplanTimeDeltaS"/> or more.
    /// </summary>
    public PlanDeviation CheckDeviation(ChargingPlan plan, double distanceM, double actualSoc, double elapsedS)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var (soc, time) = plan.Expected(distanceM);
        double dSoc = actualSoc - soc, dTime = elapsedS - time;
        var reasons = new List<string>(2);
        if (Math.Abs(dSoc) >= Options.ReplanSocDelta - Eps)
            reasons.Add(string.Create(CultureInfo.InvariantCulture, $"state of charge {100 * actualSoc:F1} % vs {100 * soc:F1} % planned"));
        if (Math.Abs(dTime) >= Options.ReplanTimeDeltaS - Eps)
            reasons.Add(string.Create(CultureInfo.InvariantCulture, $"{Math.Abs(dTime) / 60:F1} min {(dTime > 0 ? "late" : "early")}"));
        return new PlanDeviation(reasons.Count > 0, dSoc, dTime, string.Join("; ", reasons));
    }

    /// <summary>
    /// A new plan from <paramref name="distanceM"/> metres along <paramref name="trip"/> with the state of charge now;
    /// <paramref name="timeFactor"/> scales the remaining driving times (the traffic now against the plan's). Chargers
    /// behind the car are dropped; the others are measured from the current position.
    /// </summary>
    public ChargingPlan Replan(ChargingTrip trip, IReadOnlyList<ChargerOnRoute> chargers, double distanceM, double actualSoc, double timeFactor = 1)
    {
        ArgumentNullException.ThrowIfNull(trip);
        ArgumentNullException.ThrowIfNull(chargers);
        var ahead = new List<ChargerOnRoute>();
        foreach (var c in chargers)
            if (c.AlongRouteM >= distanceM) ahead.Add(c with { AlongRouteM = c.AlongRouteM - distanceM, DetourToS = c.DetourToS * timeFactor, DetourFromS = c.DetourFromS * timeFactor });
        return Plan(trip.From(distanceM, timeFactor), ahead, Math.Clamp(actualSoc, 0, 1));
    }

    private sealed record Arrival(double Soc, double TimeS, int FromCharger, int FromDeparture);

    private ChargingPlan Solve(ChargingTrip trip, List<ChargerOnRoute> chargers, double startSoc, double cap)
    {
        int n = chargers.Count;
        double bWh = _batteryKwh * 1000, reserve = Options.ReserveSoc;
        var (endTime, endWh) = trip.At(trip.LengthM);
        var posTime = new double[n];
        var posWh = new double[n];
        for (var j = 0; j < n; j++) (posTime[j], posWh[j]) = trip.At(chargers[j].AlongRouteM);
        double Need(int i, int j) => j == n // SoC used from leaving charger i (or the start, i = -1) to arriving at j (n = destination)
            ? ((i < 0 ? 0 : chargers[i].DetourFromWh) + endWh - (i < 0 ? 0 : posWh[i])) / bWh
            : ((i < 0 ? 0 : chargers[i].DetourFromWh) + posWh[j] - (i < 0 ? 0 : posWh[i]) + chargers[j].DetourToWh) / bWh;
        double Drive(int i, int j) => j == n
            ? (i < 0 ? 0 : chargers[i].DetourFromS) + endTime - (i < 0 ? 0 : posTime[i])
            : (i < 0 ? 0 : chargers[i].DetourFromS) + posTime[j] - (i < 0 ? 0 : posTime[i]) + chargers[j].DetourToS;

        var arrivals = new List<Arrival>[n];
        var depSoc = new double[n][];
        var depTime = new double[n][];
        var depArrival = new int[n][];
        for (var j = 0; j < n; j++)
        {
            var list = arrivals[j] = [];
            var a0 = startSoc - Need(-1, j);
            if (a0 >= reserve - Eps) list.Add(new Arrival(a0, Drive(-1, j), -1, -1));
            for (var i = 0; i < j; i++)
                for (var k = 0; k < depSoc[i].Length; k++)
                {
                    if (double.IsPositiveInfinity(depTime[i][k])) continue;
                    var a = depSoc[i][k] - Need(i, j);
                    if (a >= reserve - Eps) list.Add(new Arrival(a, depTime[i][k] + Drive(i, j), i, k));
                }
            list.Sort((x, y) => x.Soc.CompareTo(y.Soc));
            var candidates = Departures(j, n, cap, reserve, Need);
            depSoc[j] = candidates;
            depTime[j] = new double[candidates.Length];
            depArrival[j] = new int[candidates.Length];
            double power = chargers[j].PowerKw, best = double.PositiveInfinity;
            int bestArrival = -1, p = 0;
            for (var k = 0; k < candidates.Length; k++)
            {
                var d = candidates[k];
                for (; p < list.Count && list[p].Soc < d - Eps; p++)
                {
                    var value = list[p].TimeS - Cumulative(list[p].Soc, power);
                    if (value < best) { best = value; bestArrival = p; }
                }
                depTime[j][k] = bestArrival < 0 ? double.PositiveInfinity : best + Cumulative(d, power) + Options.StopOverheadS;
                depArrival[j][k] = bestArrival;
            }
        }

        // the destination
        double bestTotal = double.PositiveInfinity, bestArrivalSoc = double.NaN;
        int lastCharger = -1, lastDeparture = -1;
        var direct = startSoc - Need(-1, n);
        if (direct >= reserve - Eps) { bestTotal = Drive(-1, n); bestArrivalSoc = direct; }
        for (var j = 0; j < n; j++)
            for (var k = 0; k < depSoc[j].Length; k++)
            {
                if (double.IsPositiveInfinity(depTime[j][k])) continue;
                var a = depSoc[j][k] - Need(j, n);
                if (a < reserve - Eps) continue;
                var total = depTime[j][k] + Drive(j, n);
                if (total < bestTotal) { bestTotal = total; bestArrivalSoc = a; lastCharger = j; lastDeparture = k; }
            }
        if (double.IsPositiveInfinity(bestTotal)) return ChargingPlan.Infeasible(trip, _batteryKwh, startSoc, WhyInfeasible(startSoc, n, cap, reserve, Need, arrivals));

        var stops = new List<ChargingStop>();
        double detour = 0, charge = 0;
        for (int j = lastCharger, k = lastDeparture; j >= 0;)
        {
            var arrival = arrivals[j][depArrival[j][k]];
            var c = chargers[j];
            var seconds = _curve.ChargeSeconds(arrival.Soc, depSoc[j][k], c.PowerKw, _batteryKwh);
            stops.Add(new ChargingStop(c, arrival.Soc, depSoc[j][k], seconds, arrival.TimeS));
            detour += c.DetourToS + c.DetourFromS;
            charge += seconds;
            (j, k) = (arrival.FromCharger, arrival.FromDeparture);
        }
        stops.Reverse();
        return new ChargingPlan(trip, _batteryKwh, startSoc, stops, bestArrivalSoc, detour, charge, stops.Count * Options.StopOverheadS, null);
    }

    // grid multiples of SocStep, the cap, and "just enough" for every later charger and the destination, within (0, cap]
    private double[] Departures(int j, int n, double cap, double reserve, Func<int, int, double> need)
    {
        var values = new List<double>();
        var steps = (int)Math.Floor(cap / Options.SocStep + Eps);
        for (var k = 1; k <= steps; k++) values.Add(k * Options.SocStep);
        values.Add(cap);
        for (var k = j + 1; k <= n; k++) values.Add(reserve + need(j, k));
        values.RemoveAll(v => !(v > 0) || v > cap + Eps);
        values.Sort();
        var unique = new List<double>(values.Count);
        foreach (var v in values)
            if (unique.Count == 0 || v - unique[^1] > Eps) unique.Add(Math.Min(v, cap));
        return [.. unique];
    }

    private double Cumulative(double soc, double powerKw) => _curve.ChargeSeconds(0, soc, powerKw, _batteryKwh);

    private static string WhyInfeasible(double startSoc, int n, double cap, double reserve, Func<int, int, double> need, List<Arrival>[] arrivals)
    {
        string Pct(double x) => (100 * x).ToString("F1", CultureInfo.InvariantCulture) + " %";
        if (n == 0)
            return $"no charger on the route, and the trip needs {Pct(need(-1, n))} of the battery: starting at {Pct(startSoc)} leaves less than the {Pct(reserve)} reserve";
        var reached = -1;
        for (var j = 0; j < n; j++) if (arrivals[j].Count > 0) reached = j;
        if (reached < 0)
            return $"starting at {Pct(startSoc)}, no charger on the route can be reached with the {Pct(reserve)} reserve (the first needs {Pct(need(-1, 0))})";
        return $"the chargers are too far apart: from the last one reachable ({reached + 1} of {n}), charged to {Pct(cap)}, neither a later charger nor the destination is reached with the {Pct(reserve)} reserve";
    }
}
