using EdgeAI.Services.Map;

namespace EdgeAI.Services.Parking;

/// <summary>What a stay costs: the fee per started hour, each started day capped by the daily maximum where there is one.</summary>
public static class ParkingTariff
{
    /// <summary>The price in euros of parking for <paramref name="stay"/> at a car park with <paramref name="info"/>.</summary>
    public static double PriceEur(ParkingInfo info, TimeSpan stay)
    {
        if (stay <= TimeSpan.Zero || info.FeePerHourEur <= 0) return 0;
        int fullDays = (int)(stay.Ticks / TimeSpan.TicksPerDay);
        var rest = stay - TimeSpan.FromDays(fullDays);
        double day = info.DailyMaxEur ?? 24 * info.FeePerHourEur;
        double restPrice = Math.Ceiling(rest.TotalHours - 1e-9) * info.FeePerHourEur;
        return fullDays * Math.Min(day, 24 * info.FeePerHourEur) + Math.Min(restPrice, day);
    }
}
