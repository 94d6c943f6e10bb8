namespace EdgeAI.Services.Energy;

/// <summary>
/// The most power the battery accepts at a state of charge (piecewise linear between points), and from it the time a
/// charger of a given power needs between two states of charge. Energy into the battery is taken as the charger's power
/// (charging losses are not modelled).
/// </summary>
public sealed class ChargeCurve
{
    private readonly double[] _soc;
    private readonly double[] _kw;

    /// <summary>A curve through (<c>Soc</c> 0..1, <c>PowerKw</c>) points, state of charge strictly increasing from 0 to 1.</summary>
    public ChargeCurve(IReadOnlyList<(double Soc, double PowerKw)> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count < 2) throw new ArgumentException("a charge curve needs at least two points");
        _soc = new double[points.Count];
        _kw = new double[points.Count];
        for (var i = 0; i < points.Count; i++)
        {
            (_soc[i], _kw[i]) = points[i];
            if (!(_kw[i] > 0)) throw new ArgumentException($"charge curve power at SoC {_soc[i]} must be positive");
            if (i > 0 && !(_soc[i] > _soc[i - 1])) throw new ArgumentException("charge curve SoC must increase");
        }
        if (_soc[0] != 0 || _soc[^1] != 1) throw new ArgumentException("a charge curve must span SoC 0 to 1");
    }

    /// <summary>The points, SoC 0..1 and kW.</summary>
    public IReadOnlyList<(double Soc, double PowerKw)> Points
    {
        get
        {
            var list = new (double, double)[_soc.Length];
            for (var i = 0; i < list.Length; i++) list[i] = (_soc[i], _kw[i]);
            return list;
        }
    }

    /// <summary>The battery's acceptance in kW at <paramref name="soc"/> (0..1).</summary>
    public double PowerKw(double soc)
    {
        if (soc <= 0) return _kw[0];
        if (soc >= 1) return _kw[^1];
        var k = 0;
        while (_soc[k + 1] < soc) k++;
        return _kw[k] + (soc - _soc[k]) / (_soc[k + 1] - _soc[k]) * (_kw[k + 1] - _kw[k]);
    }

    /// <summary>
    /// Seconds to charge a <paramref name="batteryKwh"/> battery from <paramref name="fromSoc"/> to <paramref name="toSoc"/>
    /// at a charger of <paramref name="chargerKw"/>: the power at each SoC is the lower of charger and curve (integrated
    /// in 0.1 %-point steps, exactly on each step's ends, by the trapezoid rule on 1/power).
    /// </summary>
    public double ChargeSeconds(double fromSoc, double toSoc, double chargerKw, double batteryKwh)
    {
        if (!(chargerKw > 0)) throw new ArgumentOutOfRangeException(nameof(chargerKw), chargerKw, "charger power must be positive");
        if (toSoc <= fromSoc) return 0;
        return (CumulativeHours(toSoc, chargerKw) - CumulativeHours(fromSoc, chargerKw)) * batteryKwh * 3600;
    }

    // ∫_0^soc ds / min(curve(s), charger), in "hours per battery kWh", on a fixed 0.1 %-point grid (a table per charger
    // power, built once) so that differences between two SoCs are consistent
    private double CumulativeHours(double soc, double chargerKw)
    {
        var table = _tables.GetOrAdd(chargerKw, kw =>
        {
            var t = new double[Steps + 1];
            double prev = 1 / Math.Min(PowerKw(0), kw);
            for (var k = 1; k <= Steps; k++)
            {
                var next = 1 / Math.Min(PowerKw((double)k / Steps), kw);
                t[k] = t[k - 1] + 0.5 * (prev + next) / Steps;
                prev = next;
            }
            return t;
        });
        soc = Math.Clamp(soc, 0, 1);
        var whole = Math.Min(Steps - 1, (int)Math.Floor(soc * Steps));
        var rest = soc - (double)whole / Steps;
        if (rest <= 0) return table[whole];
        double a = 1 / Math.Min(PowerKw((double)whole / Steps), chargerKw), b = 1 / Math.Min(PowerKw(soc), chargerKw);
        return table[whole] + 0.5 * (a + b) * rest;
    }

    private const int Steps = 1000;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<double, double[]> _tables = new();
}
