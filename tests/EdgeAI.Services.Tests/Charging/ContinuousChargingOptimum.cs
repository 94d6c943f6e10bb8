using EdgeAI.Services.Charging;
using EdgeAI.Services.Energy;

namespace EdgeAI.Services.Tests.Charging;

/// <summary>
/// A second reference for the charging planner that shares neither its method nor its choice of charge levels: every
/// subset of the chargers is tried on its own, and for each the charge amounts are searched on a 0.2 %-point grid (five
/// times finer than the planner's default), plus the level that just reaches the next stop with the reserve and the cap.
/// Charging time is integrated here from the curve's power points (<see cref="ChargeCurve.PowerKw"/>), not taken from
/// <see cref="ChargeCurve.ChargeSeconds"/>. Subsets are solved cheapest lower bound first (drive, detours, overheads and
/// the missing energy at the best power of the subset) and the search stops when no bound can beat the best found.
/// The 80 % rule: the plan with the cap at 100 % is taken only when it has fewer stops and is faster.
/// </summary>
internal sealed class ContinuousChargingOptimum
{
    public sealed record Result(bool Feasible, double TotalS, IReadOnlyList<string> StopIds, int SubsetsSolved);

    private const double Grid = 0.002;
    private const int IntegrationSteps = 4000;
    private const double Eps = 1e-9;

    private readonly ChargingTrip _trip;
    private readonly List<ChargerOnRoute> _cs;
    private readonly double _start, _wh;
    private readonly ChargeCurve _curve;
    private readonly ChargingOptions _o;
    private readonly double[] _t, _e;
    private readonly double _endT, _endE;
    private readonly Dictionary<double, double[]> _cumulative = [];

    public ContinuousChargingOptimum(ChargingTrip trip, IReadOnlyList<ChargerOnRoute> chargers, double startSoc, double batteryKwh, ChargeCurve curve, ChargingOptions options)
    {
        _trip = trip;
        _cs = chargers.OrderBy(c => c.AlongRouteM).ToList();
        _start = startSoc;
        _wh = batteryKwh * 1000;
        _curve = curve;
        _o = options;
        _t = _cs.Select(c => trip.At(c.AlongRouteM).TimeS).ToArray();
        _e = _cs.Select(c => trip.At(c.AlongRouteM).EnergyWh).ToArray();
        (_endT, _endE) = trip.At(trip.LengthM);
    }

    public Result Best()
    {
        var capped = Search(_o.MaxTargetSoc);
        var full = Search(1.0);
        if (!capped.Feasible) return full;
        return full.Feasible && full.StopIds.Count < capped.StopIds.Count && full.TotalS < capped.TotalS - Eps ? full : capped;
    }

    /// <summary>The least total time of a trip that stops at exactly the chargers with these ids; +∞ when infeasible.</summary>
    public double SubsetTime(IEnumerable<string> ids, double cap)
    {
        var set = ids.ToHashSet();
        return Solve(Enumerable.Range(0, _cs.Count).Where(i => set.Contains(_cs[i].Id)).ToArray(), cap);
    }

    private Result Search(double cap)
    {
        int n = _cs.Count;
        var bounds = new List<(double Bound, int Mask)>();
        for (var mask = 0; mask < 1 << n; mask++) bounds.Add((LowerBound(mask), mask));
        bounds.Sort((a, b) => a.Bound.CompareTo(b.Bound));
        double best = double.PositiveInfinity;
        int bestMask = -1, solved = 0;
        foreach (var (bound, mask) in bounds)
        {
            if (bound >= best) break;
            solved++;
            var stops = Enumerable.Range(0, n).Where(i => (mask & (1 << i)) != 0).ToArray();
            var total = Solve(stops, cap);
            if (total < best) { best = total; bestMask = mask; }
        }
        if (bestMask < 0) return new Result(false, double.PositiveInfinity, [], solved);
        return new Result(true, best, Enumerable.Range(0, n).Where(i => (bestMask & (1 << i)) != 0).Select(i => _cs[i].Id).ToArray(), solved);
    }

    // drive + detours + overheads, plus the energy still missing charged at the fastest rate any stop of the subset offers
    private double LowerBound(int mask)
    {
        double time = _endT, energy = _endE, fastestKw = 0;
        var stops = 0;
        for (var i = 0; i < _cs.Count; i++)
        {
            if ((mask & (1 << i)) == 0) continue;
            stops++;
            time += _cs[i].DetourToS + _cs[i].DetourFromS + _o.StopOverheadS;
            energy += _cs[i].DetourToWh + _cs[i].DetourFromWh;
            fastestKw = Math.Max(fastestKw, Math.Min(_cs[i].PowerKw, MaxCurveKw()));
        }
        var missingWh = energy - (_start - _o.ReserveSoc) * _wh;
        if (missingWh > 0) time += stops == 0 ? double.PositiveInfinity : missingWh / (fastestKw * 1000) * 3600;
        return time;
    }

    private double MaxCurveKw() => _curve.Points.Max(p => p.PowerKw);

    // the fastest way through the stops in order: arrival state of charge -> least elapsed time, stop by stop
    private double Solve(int[] stops, double cap)
    {
        if (stops.Length == 0)
            return _start - _endE / _wh >= _o.ReserveSoc - Eps ? _endT : double.PositiveInfinity;
        var first = stops[0];
        var a0 = _start - (_e[first] + _cs[first].DetourToWh) / _wh;
        if (a0 < _o.ReserveSoc - Eps) return double.PositiveInfinity;
        var states = new Dictionary<double, double> { [a0] = _t[first] + _cs[first].DetourToS };
        for (var s = 0; s < stops.Length; s++)
        {
            int j = stops[s], next = s + 1 < stops.Length ? stops[s + 1] : -1;
            double need, drive;
            if (next < 0) { need = (_cs[j].DetourFromWh + _endE - _e[j]) / _wh; drive = _cs[j].DetourFromS + _endT - _t[j]; }
            else
            {
                need = (_cs[j].DetourFromWh + _e[next] - _e[j] + _cs[next].DetourToWh) / _wh;
                drive = _cs[j].DetourFromS + _t[next] - _t[j] + _cs[next].DetourToS;
            }
            var levels = new List<double> { cap, _o.ReserveSoc + need };
            for (var k = 1; k * Grid < cap; k++) levels.Add(k * Grid);
            var nextStates = new Dictionary<double, double>();
            foreach (var (arrive, elapsed) in states)
                foreach (var depart in levels)
                {
                    if (depart <= arrive + Eps || depart > cap + Eps) continue;
                    var arriveNext = depart - need;
                    if (arriveNext < _o.ReserveSoc - Eps) continue;
                    var total = elapsed + _o.StopOverheadS + Seconds(arrive, depart, _cs[j].PowerKw) + drive;
                    if (!nextStates.TryGetValue(arriveNext, out var old) || total < old) nextStates[arriveNext] = total;
                }
            states = nextStates;
            if (states.Count == 0) return double.PositiveInfinity;
        }
        return states.Values.Min();
    }

    // seconds to charge from one state of charge to another: ∫ ds / min(curve(s), charger), trapezoids of 0.025 %-points
    private double Seconds(double from, double to, double chargerKw)
    {
        if (!_cumulative.TryGetValue(chargerKw, out var table))
        {
            table = new double[IntegrationSteps + 1];
            for (var k = 1; k <= IntegrationSteps; k++)
            {
                double s0 = (k - 1.0) / IntegrationSteps, s1 = (double)k / IntegrationSteps;
                var inverse = 0.5 * (1 / Math.Min(_curve.PowerKw(s0), chargerKw) + 1 / Math.Min(_curve.PowerKw(s1), chargerKw));
                table[k] = table[k - 1] + inverse * (s1 - s0) * _wh / 1000 * 3600;
            }
            _cumulative[chargerKw] = table;
        }
        return At(table, to) - At(table, from);
    }

    private static double At(double[] table, double soc)
    {
        var x = Math.Clamp(soc, 0, 1) * IntegrationSteps;
        var k = Math.Min(IntegrationSteps - 1, (int)x);
        return table[k] + (x - k) * (table[k + 1] - table[k]);
    }
}
