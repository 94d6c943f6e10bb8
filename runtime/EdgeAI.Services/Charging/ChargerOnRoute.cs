namespace EdgeAI.Services.Charging;

/// <summary>
/// A charger the planner may stop at: where it leaves the route, and the detour there and back (time and battery
/// energy), as the router and energy model computed them.
/// </summary>
/// <param name="Id">The charger's POI id.</param>
/// <param name="Name">Its display name.</param>
/// <param name="PowerKw">Highest power of a free point, kW.</param>
/// <param name="AlongRouteM">Where the detour leaves (and rejoins) the route, metres from the start.</param>
/// <param name="DetourToS">Seconds from the route to the charger.</param>
/// <param name="DetourFromS">Seconds from the charger back to the route.</param>
/// <param name="DetourToWh">Battery energy from the route to the charger, Wh.</param>
/// <param name="DetourFromWh">Battery energy from the charger back to the route, Wh.</param>
public sealed record ChargerOnRoute(
    string Id, string Name, double PowerKw, double AlongRouteM, double DetourToS, double DetourFromS, double DetourToWh, double DetourFromWh);
