namespace EdgeAI.Services.Parking;

/// <summary>Predicted free spaces at a car park at the arrival time.</summary>
/// <param name="Free">Predicted free spaces, or null when neither a live value nor a history is known.</param>
/// <param name="SampledAt">When the live value the prediction starts from was sampled, or null.</param>
/// <param name="Confidence">0 (no idea) to 1 (measured at the arrival time); see <see cref="OccupancyForecaster"/>.</param>
public readonly record struct ParkingForecast(double? Free, DateTime? SampledAt, double Confidence);
