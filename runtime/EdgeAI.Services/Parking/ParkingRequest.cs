using EdgeAI.Services.Geo;

namespace EdgeAI.Services.Parking;

/// <summary>Where and when the driver wants to park.</summary>
/// <param name="Destination">Where the driver is going on foot.</param>
/// <param name="Now">The virtual clock's now, local time of the region (feed samples after it are not known yet).</param>
/// <param name="Arrival">When the car reaches the car park, local time.</param>
/// <param name="Stay">How long the car stays.</param>
public sealed record ParkingRequest(GeoPoint Destination, DateTime Now, DateTime Arrival, TimeSpan Stay)
{
    /// <summary>The vehicle's height, metres (a car park with a lower limit is refused); null = not checked.</summary>
    public double? VehicleHeightM { get; init; }

    /// <summary>Only car parks with spaces that have a charger.</summary>
    public bool NeedsEvSpace { get; init; }

    /// <summary>The farthest walk to the destination, metres.</summary>
    public double MaxWalkM { get; init; } = 800;
}
