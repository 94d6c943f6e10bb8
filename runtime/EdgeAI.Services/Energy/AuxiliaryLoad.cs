namespace EdgeAI.Services.Energy;

/// <summary>
/// Power drawn besides traction: a constant base (electronics, pumps, lights) plus heating or cooling of the cabin by
/// outside temperature, linear in the distance from a comfort band and capped. The HVAC part is an assumption, not a
/// measurement: see the profile's sources.
/// </summary>
/// <param name="BaseW">Always drawn, W.</param>
/// <param name="ComfortLowC">Below this outside temperature the cabin is heated.</param>
/// <param name="ComfortHighC">Above this outside temperature the cabin is cooled.</param>
/// <param name="HeatingWPerK">Heating power per kelvin below <paramref name="ComfortLowC"/>.</param>
/// <param name="HeatingMaxW">Heating cap, W.</param>
/// <param name="CoolingWPerK">Cooling power per kelvin above <paramref name="ComfortHighC"/>.</param>
/// <param name="CoolingMaxW">Cooling cap, W.</param>
public sealed record AuxiliaryLoad(
    double BaseW, double ComfortLowC, double ComfortHighC, double HeatingWPerK, double HeatingMaxW, double CoolingWPerK, double CoolingMaxW)
{
    /// <summary>Total auxiliary power in W at <paramref name="outsideC"/> °C.</summary>
    public double PowerW(double outsideC)
    {
        if (outsideC < ComfortLowC) return BaseW + Math.Min(HeatingMaxW, (ComfortLowC - outsideC) * HeatingWPerK);
        if (outsideC > ComfortHighC) return BaseW + Math.Min(CoolingMaxW, (outsideC - ComfortHighC) * CoolingWPerK);
        return BaseW;
    }
}
