namespace EdgeAI.Services.Charging;

/// <summary>One planned stop.</summary>
/// <param name="Charger">Where.</param>
/// <param name="ArrivalSoc">State of charge on arrival (0..1).</param>
/// <param name="DepartureSoc">State of charge when leaving (0..1).</param>
/// <param name="ChargeSeconds">Seconds plugged in (overhead not included).</param>
/// <param name="ArrivalS">Seconds from the trip's start to arriving at the charger.</param>
public sealed record ChargingStop(ChargerOnRoute Charger, double ArrivalSoc, double DepartureSoc, double ChargeSeconds, double ArrivalS)
{
    /// <summary>Minutes plugged in.</summary>
    public double ChargeMinutes => ChargeSeconds / 60;
}
