namespace EdgeAI.Services.Charging;

/// <summary>
/// The planner's answer: the stops with their arrival and departure states of charge and charging time, and the total
/// trip time (drive + detours + charging + per-stop overheads); or, when <see cref="Feasible"/> is false, why not.
/// </summary>
public sealed class ChargingPlan
{
    internal ChargingPlan(ChargingTrip trip, double batteryKwh, double startSoc, IReadOnlyList<ChargingStop> stops, double arrivalSoc,
        double detourS, double chargeS, double overheadS, string? reason)
    {
        Trip = trip;
        BatteryKwh = batteryKwh;
        StartSoc = startSoc;
        Stops = stops;
        ArrivalSoc = arrivalSoc;
        DetourTimeS = detourS;
        ChargeTimeS = chargeS;
        OverheadTimeS = overheadS;
        Reason = reason;
    }

    internal static ChargingPlan Infeasible(ChargingTrip trip, double batteryKwh, double startSoc, string reason) =>
        new(trip, batteryKwh, startSoc, [], double.NaN, double.NaN, double.NaN, double.NaN, reason);

    /// <summary>Whether a plan exists; when false, <see cref="Reason"/> says why and the times are NaN.</summary>
    public bool Feasible => Reason is null;

    /// <summary>Why no plan exists (null for a feasible plan).</summary>
    public string? Reason { get; }

    /// <summary>The trip planned.</summary>
    public ChargingTrip Trip { get; }

    /// <summary>Battery size the plan was made for, kWh.</summary>
    public double BatteryKwh { get; }

    /// <summary>State of charge at the start (0..1).</summary>
    public double StartSoc { get; }

    /// <summary>The stops in driving order (empty when none is needed).</summary>
    public IReadOnlyList<ChargingStop> Stops { get; }

    /// <summary>State of charge at the destination (0..1).</summary>
    public double ArrivalSoc { get; }

    /// <summary>Driving time of the trip itself, seconds.</summary>
    public double DriveTimeS => Trip.DriveTimeS;

    /// <summary>Seconds of detours to and from the chargers.</summary>
    public double DetourTimeS { get; }

    /// <summary>Seconds plugged in.</summary>
    public double ChargeTimeS { get; }

    /// <summary>Seconds of per-stop overheads.</summary>
    public double OverheadTimeS { get; }

    /// <summary>Drive + detours + charging + overheads, seconds.</summary>
    public double TotalTimeS => DriveTimeS + DetourTimeS + ChargeTimeS + OverheadTimeS;

    /// <summary>
    /// What the plan expects at <paramref name="distanceM"/> metres along the trip: the state of charge and the seconds
    /// since the start (stops at or before that point counted as done).
    /// </summary>
    public (double Soc, double ElapsedS) Expected(double distanceM)
    {
        var (time, energy) = Trip.At(distanceM);
        var soc = StartSoc - energy / (BatteryKwh * 1000);
        foreach (var s in Stops)
        {
            if (s.Charger.AlongRouteM > distanceM) break;
            var c = s.Charger;
            time += c.DetourToS + c.DetourFromS + s.ChargeSeconds;
            soc += s.DepartureSoc - s.ArrivalSoc - c.DetourFromWh / (BatteryKwh * 1000) - c.DetourToWh / (BatteryKwh * 1000);
        }
        time += OverheadBefore(distanceM);
        return (soc, time);
    }

    private double OverheadBefore(double distanceM)
    {
        if (Stops.Count == 0) return 0;
        var n = 0;
        foreach (var s in Stops) if (s.Charger.AlongRouteM <= distanceM) n++;
        return OverheadTimeS / Stops.Count * n;
    }
}
