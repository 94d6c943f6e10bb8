using EdgeAI.Services.Routing;

namespace EdgeAI.Services.Charging;

/// <summary>
/// A planned trip: the route, the energy along it, the chargers near it with their detours, and the charging plan
/// (which may say that no plan is feasible, and why).
/// </summary>
/// <param name="Route">The fastest route.</param>
/// <param name="Trip">The route's segments with time and energy.</param>
/// <param name="Chargers">The chargers near the route that the planner could use.</param>
/// <param name="Charging">The charging plan.</param>
/// <param name="Departure">When the trip starts.</param>
public sealed record TripPlan(Route Route, ChargingTrip Trip, IReadOnlyList<ChargerOnRoute> Chargers, ChargingPlan Charging, DateTimeOffset Departure)
{
    /// <summary>Arrival with the charging stops (the route's ETA when no plan is feasible).</summary>
    public DateTimeOffset Arrival => Departure + TimeSpan.FromSeconds(Charging.Feasible ? Charging.TotalTimeS : Route.TravelTimeS);

    /// <summary>Battery energy of the route itself, kWh.</summary>
    public double EnergyKwh => Trip.EnergyWh / 1000;
}
